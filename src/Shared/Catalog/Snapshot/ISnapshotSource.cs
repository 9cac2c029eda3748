namespace McpGateway.Shared.Catalog.Snapshot;

/// <summary>One kind's snapshot as the follower keeps it current: re-read one item, or the whole table.</summary>
public interface ISnapshotSource
{
    /// <summary>The entity events about this kind carry ("tool", "root"...).</summary>
    string Entity { get; }

    Task RefreshAsync(string id, CancellationToken cancellationToken);

    Task ReloadAsync(CancellationToken cancellationToken);
}
