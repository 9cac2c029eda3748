using System.Collections.Concurrent;
using McpGateway.Shared.Catalog.Gateways;

namespace McpGateway.Shared.Upstreams.Mcp;

/// <summary>
/// One connected client per upstream per instance, reused across calls. A connection is replaced when the
/// gateway's registration changes (its update time moves) or when a caller reports it broken.
/// </summary>
public sealed class UpstreamClientPool(UpstreamConnector connector) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset Version, Lazy<Task<UpstreamConnection>> Connection)> connections = new(StringComparer.Ordinal);

    public async Task<UpstreamConnection> GetAsync(PeerGatewayRecord gateway, CancellationToken cancellationToken)
    {
        var entry = connections.AddOrUpdate(
            gateway.Id,
            _ => (gateway.UpdatedAt, Connect(gateway)),
            (_, existing) => existing.Version == gateway.UpdatedAt ? existing : (gateway.UpdatedAt, Connect(gateway)));
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
            await entry.Connection.Value.Result.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var gatewayId in connections.Keys)
        {
            await EvictAsync(gatewayId).ConfigureAwait(false);
        }
    }

    private Lazy<Task<UpstreamConnection>> Connect(PeerGatewayRecord gateway) =>
        new(() => connector.ConnectAsync(gateway, CancellationToken.None), LazyThreadSafetyMode.ExecutionAndPublication);
}
