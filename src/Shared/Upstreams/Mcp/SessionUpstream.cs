using ModelContextProtocol.Protocol;

namespace McpGateway.Shared.Upstreams.Mcp;

/// <summary>
/// An upstream session bound to one downstream session: its connection, the downstream calls in flight over it, and
/// the log level the upstream was last asked for, which follows the level the downstream client sets.
/// </summary>
public sealed class SessionUpstream(UpstreamConnection connection, SessionCallers callers, LoggingLevel? logLevel) : IAsyncDisposable
{
    private readonly SemaphoreSlim levelChange = new(1, 1);
    // Read without the lock for the common case, a level unchanged; a change is made and checked again under it.
    private LoggingLevel? askedLevel = logLevel;

    public UpstreamConnection Connection => connection;

    public SessionCallers Callers => callers;

    /// <summary>Asks the upstream for log messages at <paramref name="wanted"/> when that is not the level it was last asked for.</summary>
    public async Task FollowLogLevelAsync(LoggingLevel? wanted, CancellationToken cancellationToken)
    {
        if (wanted is null || wanted == askedLevel)
        {
            return;
        }

        await levelChange.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (wanted != askedLevel)
            {
                await UpstreamConnector.AskForLogsAsync(connection.Client, wanted, cancellationToken).ConfigureAwait(false);
                askedLevel = wanted;
            }
        }
        finally
        {
            levelChange.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await connection.DisposeAsync().ConfigureAwait(false);
        levelChange.Dispose();
    }
}
