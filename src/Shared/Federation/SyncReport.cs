namespace McpGateway.Shared.Federation;

/// <summary>What one sync of a peer gateway changed in the catalog.</summary>
public sealed record SyncReport(string GatewayId, int Added, int Updated, int Removed, IReadOnlyList<string> Conflicts)
{
    public static SyncReport Empty(string gatewayId) => new(gatewayId, 0, 0, 0, []);

    public SyncReport Plus(SyncReport other) =>
        new(GatewayId, Added + other.Added, Updated + other.Updated, Removed + other.Removed, [.. Conflicts, .. other.Conflicts]);

    public bool Changed => Added + Updated + Removed > 0;
}
