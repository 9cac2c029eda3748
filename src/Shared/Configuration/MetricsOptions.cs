using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace McpGateway.Shared.Configuration;

/// <summary>How per-item metrics are flushed to storage and how long their roll-ups are kept.</summary>
public sealed class MetricsOptions
{
    /// <summary>Seconds between writes of this instance's counts (and reads of the other instances').</summary>
    [ConfigurationKeyName("METRICS_FLUSH_INTERVAL")]
    [Range(1, 300, ErrorMessage = "METRICS_FLUSH_INTERVAL must be between {1} and {2} seconds.")]
    public int FlushIntervalSeconds { get; set; } = 5;

    /// <summary>Seconds per-minute roll-ups are kept: summaries and history cover this period.</summary>
    [ConfigurationKeyName("METRICS_RETENTION")]
    [Range(3600, 366 * 86_400, ErrorMessage = "METRICS_RETENTION must be between {1} and {2} seconds.")]
    public int RetentionSeconds { get; set; } = 7 * 86_400;

    public TimeSpan FlushInterval => TimeSpan.FromSeconds(FlushIntervalSeconds);

    public TimeSpan Retention => TimeSpan.FromSeconds(RetentionSeconds);
}
