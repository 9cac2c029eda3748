using System.Collections.Concurrent;
using McpGateway.Shared.Catalog.Gateways;
using Microsoft.Extensions.Logging;

namespace McpGateway.Shared.Upstreams.Mcp;

/// <summary>
/// One connected client per upstream per instance, reused across calls. A connection is replaced when the
/// gateway's registration changes (its update time moves) or when a caller reports it broken. A stdio upstream is
/// supervised: when its process ends on its own it is started again, after a delay that doubles with each crash in a
/// row (up to a minute); all of them are stopped when the host stops.
/// </summary>
public sealed class UpstreamClientPool(UpstreamConnector connector, TimeProvider time, ILogger<UpstreamClientPool> logger) : IAsyncDisposable
{
    private static readonly TimeSpan DisposeGrace = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan FirstRestartDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestRestartDelay = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, (DateTimeOffset Version, Lazy<Task<UpstreamConnection>> Connection)> connections = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stopping = new();

    public async Task<UpstreamConnection> GetAsync(PeerGatewayRecord gateway, CancellationToken cancellationToken)
    {
        var entry = connections.AddOrUpdate(
            gateway.Id,
            _ => (gateway.UpdatedAt, Connect(gateway, FirstRestartDelay)),
            (_, existing) => existing.Version == gateway.UpdatedAt ? existing : (gateway.UpdatedAt, Connect(gateway, FirstRestartDelay)));
        try
        {
            return await entry.Connection.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            connections.TryRemove(KeyValuePair.Create(gateway.Id, entry));
            throw;
        }
    }

    /// <summary>Drops a connection that failed, so the next call connects afresh.</summary>
    public async Task EvictAsync(string gatewayId)
    {
        if (connections.TryRemove(gatewayId, out var entry) && entry.Connection.IsValueCreated && entry.Connection.Value.IsCompletedSuccessfully)
        {
            // A client whose upstream died may wait on its stream while it closes; the caller must not.
            var closing = entry.Connection.Value.Result.DisposeAsync().AsTask();
            await Task.WhenAny(closing, Task.Delay(DisposeGrace, time)).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        foreach (var gatewayId in connections.Keys)
        {
            await EvictAsync(gatewayId).ConfigureAwait(false);
        }

        stopping.Dispose();
    }

    /// <param name="restartDelay">How long to wait before starting a stdio upstream again should this connection's process end.</param>
    private Lazy<Task<UpstreamConnection>> Connect(PeerGatewayRecord gateway, TimeSpan restartDelay) =>
        new(
            async () =>
            {
                var connection = await connector.ConnectAsync(gateway, CancellationToken.None).ConfigureAwait(false);
                if (connection.Transport == PeerGatewayService.StdioTransport)
                {
                    _ = SuperviseAsync(gateway, connection, restartDelay);
                }

                return connection;
            },
            LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Starts a stdio upstream again when its process ends while its connection is still the pool's.</summary>
    private async Task SuperviseAsync(PeerGatewayRecord gateway, UpstreamConnection connection, TimeSpan restartDelay)
    {
        var started = time.GetTimestamp();
        var completion = await connection.Client.Completion.ConfigureAwait(false);
        if (stopping.IsCancellationRequested || !connections.TryGetValue(gateway.Id, out var ended) || !Holds(ended, connection))
        {
            return;
        }

        await connection.DisposeAsync().ConfigureAwait(false);

        // A process that ran a good while before it ended starts the count of crashes in a row afresh.
        var delay = time.GetElapsedTime(started) > LongestRestartDelay ? FirstRestartDelay : restartDelay;
        var reason = completion.Exception?.Message ?? "its process exited";
        try
        {
            while (true)
            {
                logger.LogWarning("The stdio upstream {Gateway} ended ({Reason}); starting it again in {Delay}.", gateway.Name, reason, delay);
                await Task.Delay(delay, time, stopping.Token).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestRestartDelay.Ticks));
                var restarted = (gateway.UpdatedAt, Connect(gateway, delay));
                if (!connections.TryUpdate(gateway.Id, restarted, ended))
                {
                    return; // Replaced or dropped meanwhile: whoever did that owns the upstream now.
                }

                try
                {
                    await restarted.Item2.Value.ConfigureAwait(false);
                    logger.LogInformation("The stdio upstream {Gateway} runs again.", gateway.Name);
                    return;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    reason = ex.Message;
                    ended = restarted;
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    private static bool Holds((DateTimeOffset Version, Lazy<Task<UpstreamConnection>> Connection) entry, UpstreamConnection connection) =>
        entry.Connection.IsValueCreated && entry.Connection.Value.IsCompletedSuccessfully && ReferenceEquals(entry.Connection.Value.Result, connection);
}
