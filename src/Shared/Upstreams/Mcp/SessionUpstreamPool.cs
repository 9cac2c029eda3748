using System.Collections.Concurrent;
using McpGateway.Shared.Catalog.Gateways;
using ModelContextProtocol.Protocol;

namespace McpGateway.Shared.Upstreams.Mcp;

/// <summary>
/// The upstream sessions bound to downstream sessions, one per downstream session and upstream: made at the first
/// call of the session that needs one (its client answers sampling, elicitation or roots, or set a log level) and
/// kept for its later calls, until the downstream session ends on this instance, the registration changes or goes,
/// or a call finds the upstream session broken.
/// </summary>
public sealed class SessionUpstreamPool(UpstreamConnector connector) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<(string SessionId, string GatewayId), BoundEntry> bound = new();

    /// <exception cref="UpstreamUnavailableException">The upstream could not be reached, or the downstream session has ended.</exception>
    public async Task<SessionUpstream> GetAsync(PeerGatewayRecord gateway, DownstreamSession session, CancellationToken cancellationToken)
    {
        var key = (session.Id, gateway.Id);
        var entry = Current(key, gateway, session, () =>
        {
            var callers = new SessionCallers();
            return new Lazy<Task<SessionUpstream>>(
                async () =>
                {
                    var caller = new UpstreamCaller(session.Revision, session.Capabilities, session.Capabilities is null ? null : callers.AskAsync, session.LogLevel, callers);
                    var connection = await connector.ConnectAsync(gateway, CancellationToken.None, caller).ConfigureAwait(false);
                    return new SessionUpstream(connection, callers, session.LogLevel);
                },
                LazyThreadSafetyMode.ExecutionAndPublication);
        });
        if (session.Ending.IsCancellationRequested)
        {
            throw new UpstreamUnavailableException("The session has ended.");
        }

        try
        {
            return await entry.Upstream.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            bound.TryRemove(KeyValuePair.Create(key, entry));
            throw;
        }
    }

    /// <summary>Closes the downstream session's upstream session with the gateway after a call found it broken; the next call connects afresh.</summary>
    public async Task EvictAsync(string sessionId, string gatewayId)
    {
        var key = (sessionId, gatewayId);
        if (bound.TryGetValue(key, out var entry))
        {
            await RemoveAsync(key, entry).ConfigureAwait(false);
        }
    }

    /// <summary>Closes every downstream session's upstream session with a registration that is gone.</summary>
    public async Task RemoveGatewayAsync(string gatewayId)
    {
        foreach (var (key, entry) in bound.Where(held => held.Key.GatewayId == gatewayId).ToList())
        {
            await RemoveAsync(key, entry).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (key, entry) in bound.ToList())
        {
            await RemoveAsync(key, entry).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The entry held for the key, unless the gateway changed since it was made (then a new one, and the old one is
    /// closed). A new entry closes when the downstream session ends.
    /// </summary>
    private BoundEntry Current(
        (string SessionId, string GatewayId) key, PeerGatewayRecord gateway, DownstreamSession session, Func<Lazy<Task<SessionUpstream>>> connect)
    {
        while (true)
        {
            if (!bound.TryGetValue(key, out var held))
            {
                var created = new BoundEntry(gateway.UpdatedAt, connect());
                if (bound.TryAdd(key, created))
                {
                    created.Ending = session.Ending.Register(() => _ = RemoveAsync(key, created));
                    return created;
                }
            }
            else if (held.Version >= gateway.UpdatedAt)
            {
                return held;
            }
            else
            {
                var replacement = new BoundEntry(gateway.UpdatedAt, connect());
                if (bound.TryUpdate(key, replacement, held))
                {
                    replacement.Ending = session.Ending.Register(() => _ = RemoveAsync(key, replacement));
                    _ = CloseAsync(held);
                    return replacement;
                }
            }
        }
    }

    private async Task RemoveAsync((string SessionId, string GatewayId) key, BoundEntry entry)
    {
        if (bound.TryRemove(KeyValuePair.Create(key, entry)))
        {
            await CloseAsync(entry).ConfigureAwait(false);
        }
    }

    private static async Task CloseAsync(BoundEntry entry)
    {
        entry.Ending?.Dispose();
        if (!entry.Upstream.IsValueCreated)
        {
            return;
        }

        SessionUpstream upstream;
        try
        {
            upstream = await entry.Upstream.Value.ConfigureAwait(false);
        }
        catch (Exception)
        {
            return; // It never connected: nothing runs.
        }

        await upstream.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>An upstream session (made on first use) with the registration as it was at <paramref name="version"/>, its update time.</summary>
    private sealed class BoundEntry(DateTimeOffset version, Lazy<Task<SessionUpstream>> upstream)
    {
        public DateTimeOffset Version => version;

        public Lazy<Task<SessionUpstream>> Upstream => upstream;

        /// <summary>The registration on the downstream session's end.</summary>
        public CancellationTokenRegistration? Ending { get; set; }
    }
}

/// <summary>A downstream session as its upstream sessions need it.</summary>
/// <param name="Revision">The session's protocol revision.</param>
/// <param name="Capabilities">The client's sampling, elicitation and roots capabilities, or null when it answers none of those requests.</param>
/// <param name="LogLevel">The level of log messages the client asked for, if any.</param>
/// <param name="Ending">Cancelled when the session ends on this instance; its upstream sessions close then.</param>
public sealed record DownstreamSession(string Id, string? Revision, ClientCapabilities? Capabilities, LoggingLevel? LogLevel, CancellationToken Ending);
