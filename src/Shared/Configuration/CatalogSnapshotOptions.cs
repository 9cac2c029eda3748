using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace McpGateway.Shared.Configuration;

/// <summary>How each instance keeps its in-memory catalog current (see Catalog/Snapshot).</summary>
public sealed class CatalogSnapshotOptions
{
    /// <summary>Milliseconds between reads of the event log: another instance's write is seen within about this long.</summary>
    [ConfigurationKeyName("CATALOG_POLL_INTERVAL")]
    [Range(20, 1000, ErrorMessage = "CATALOG_POLL_INTERVAL must be between {1} and {2} milliseconds.")]
    public int PollIntervalMilliseconds { get; set; } = 250;

    /// <summary>Seconds between full re-reads of the catalog, which repair whatever a lost event left out.</summary>
    [ConfigurationKeyName("CATALOG_RECONCILE_INTERVAL")]
    [Range(1, 86_400, ErrorMessage = "CATALOG_RECONCILE_INTERVAL must be between {1} and {2} seconds.")]
    public int ReconcileIntervalSeconds { get; set; } = 300;

    /// <summary>Bytes of resource content kept in memory beyond what the rows hold inline (content stored in Blob).</summary>
    [ConfigurationKeyName("CATALOG_CONTENT_CACHE_BYTES")]
    [Range(0, 16L * 1024 * 1024 * 1024, ErrorMessage = "CATALOG_CONTENT_CACHE_BYTES must be between {1} and {2} bytes.")]
    public long ContentCacheBytes { get; set; } = 64L * 1024 * 1024;
}
