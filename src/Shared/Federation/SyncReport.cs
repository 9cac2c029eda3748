namespace McpGateway.Shared.Federation;

/// <summary>What one sync of a peer gateway changed in the catalog.</summary>
/// <param name="RemovedIds">The ids of the items the sync removed, for what referred to them (virtual servers) to let go.</param>
public sealed record SyncReport(string GatewayId, int Added, int Updated, IReadOnlyList<string> RemovedIds, IReadOnlyList<string> Conflicts)
{
    public static SyncReport Empty(string gatewayId) => new(gatewayId, 0, 0, [], []);

    public int Removed => RemovedIds.Count;

    public SyncReport Plus(SyncReport other) =>
        new(GatewayId, Added + other.Added, Updated + other.Updated, [.. RemovedIds, .. other.RemovedIds], [.. Conflicts, .. other.Conflicts]);

    public bool Changed => Added + Updated + Removed > 0;
}
