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
public sealed class UpstreamClientPool(UpstreamConnector connector, SessionUpstreamPool sessionUpstreams, TimeProvider time, ILogger<UpstreamClientPool> logger)
    : IAsyncDisposable
{
    private static readonly TimeSpan DisposeGrace = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan FirstRestartDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestRestartDelay = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, PooledEntry> connections = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stopping = new();

    public async Task<UpstreamConnection> GetAsync(PeerGatewayRecord gateway, CancellationToken cancellationToken)
    {
        var entry = Current(gateway);
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

    /// <summary>
    /// Drops a connection that failed a caller, so the next call connects afresh. A connection still being made is left
    /// to finish: the failure came from the one before it (a restart or a replacement already under way), and callers
    /// wait on it.
    /// </summary>
    public async Task EvictAsync(string gatewayId)
    {
        if (connections.TryGetValue(gatewayId, out var entry) && IsMade(entry) && connections.TryRemove(KeyValuePair.Create(gatewayId, entry)))
        {
            await CloseAsync(entry).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Closes the upstream's connection in whatever state it is, and the upstream sessions bound to downstream
    /// sessions, for a registration that is gone.
    /// </summary>
    public async Task RemoveAsync(string gatewayId)
    {
        if (connections.TryRemove(gatewayId, out var entry))
        {
            await CloseAsync(entry).ConfigureAwait(false);
        }

        await sessionUpstreams.RemoveGatewayAsync(gatewayId).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        foreach (var gatewayId in connections.Keys)
        {
            await RemoveAsync(gatewayId).ConfigureAwait(false);
        }

        stopping.Dispose();
    }

    /// <summary>
    /// The pool's entry for the registration as <paramref name="gateway"/> has it: the one held, unless the gateway was
    /// changed since (then a new one, and the one it replaces is closed). A record older than the held entry's, read
    /// before a change reached this caller, uses the held entry rather than going back.
    /// </summary>
    private PooledEntry Current(PeerGatewayRecord gateway)
    {
        while (true)
        {
            if (!connections.TryGetValue(gateway.Id, out var held))
            {
                var created = new PooledEntry(gateway.UpdatedAt, Connect(gateway, FirstRestartDelay));
                if (connections.TryAdd(gateway.Id, created))
                {
                    return created;
                }
            }
            else if (held.Version >= gateway.UpdatedAt)
            {
                return held;
            }
            else
            {
                var replacement = new PooledEntry(gateway.UpdatedAt, Connect(gateway, FirstRestartDelay));
                if (connections.TryUpdate(gateway.Id, replacement, held))
                {
                    _ = CloseAsync(held);
                    return replacement;
                }
            }
        }
    }

    /// <summary>
    /// Closes an entry the pool no longer holds, including one still connecting (its process would otherwise outlive
    /// it). A client whose upstream died may wait on its stream while it closes: the caller waits a short grace at most.
    /// </summary>
    private async Task CloseAsync(PooledEntry entry)
    {
        if (!entry.Connection.IsValueCreated)
        {
            return;
        }

        var closing = DisposeWhenConnectedAsync(entry.Connection.Value);
        await Task.WhenAny(closing, Task.Delay(DisposeGrace, time)).ConfigureAwait(false);
    }

    private static async Task DisposeWhenConnectedAsync(Task<UpstreamConnection> connecting)
    {
        UpstreamConnection connection;
        try
        {
            connection = await connecting.ConfigureAwait(false);
        }
        catch (Exception)
        {
            return; // It never connected: nothing runs.
        }

        await connection.DisposeAsync().ConfigureAwait(false);
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
                var restarted = new PooledEntry(gateway.UpdatedAt, Connect(gateway, delay));
                if (!connections.TryUpdate(gateway.Id, restarted, ended))
                {
                    return; // Replaced or dropped meanwhile: whoever did that owns the upstream now.
                }

                try
                {
                    await restarted.Connection.Value.ConfigureAwait(false);
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

    /// <summary>Whether the entry's connection attempt has finished, either way; one never started counts as made.</summary>
    private static bool IsMade(PooledEntry entry) => !entry.Connection.IsValueCreated || entry.Connection.Value.IsCompleted;

    private static bool Holds(PooledEntry entry, UpstreamConnection connection) =>
        entry.Connection.IsValueCreated && entry.Connection.Value.IsCompletedSuccessfully && ReferenceEquals(entry.Connection.Value.Result, connection);

    /// <summary>A connection (made on first use) to the registration as it was at <paramref name="Version"/>, its update time.</summary>
    private sealed record PooledEntry(DateTimeOffset Version, Lazy<Task<UpstreamConnection>> Connection);
}
