using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpGateway.Shared.Protocol;

/// <summary>
/// Passes an upstream's progress notifications on to the client of the request being served, in the order they
/// arrive, under the client's own progress token.
/// </summary>
public sealed class ProgressRelay(McpServer server, ProgressToken token) : IProgress<ProgressNotificationValue>
{
    private readonly object gate = new();
    private Task pending = Task.CompletedTask;

    /// <summary>Completes once every notification reported so far has been sent, so none trails the result.</summary>
    public Task DrainAsync()
    {
        lock (gate)
        {
            return pending;
        }
    }

    public void Report(ProgressNotificationValue value)
    {
        lock (gate)
        {
            pending = pending.ContinueWith(
                _ => server.NotifyProgressAsync(token, value),
                CancellationToken.None,
                TaskContinuationOptions.None,
                TaskScheduler.Default).Unwrap();
        }
    }
}
