using McpGateway.Shared.Configuration;
using McpGateway.Shared.Federation;
using McpGateway.Shared.Notifications;
using McpGateway.Shared.Observability;
using McpGateway.Shared.Observability.Metrics;
using Microsoft.Extensions.Options;

namespace McpGateway.Shared.Maintenance;

/// <summary>
/// Deletes what has outlived its retention: metric roll-ups older than METRICS_RETENTION and events older than
/// EVENT_RETENTION. Offered a turn by a timer on every instance (a Functions TimerTrigger, the Host's
/// <c>MaintenanceTimerService</c>); its lease runs it once per <see cref="Interval"/> across the app.
/// </summary>
public sealed class RetentionJob(
    MetricsRollupTable metrics,
    EventLog events,
    JobLease lease,
    IOptions<MetricsOptions> metricsOptions,
    IOptions<EventOptions> eventOptions,
    TimeProvider time)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    /// <returns>True when this instance ran the job; false when another ran it within the interval.</returns>
    public async Task<bool> RunWhenDueAsync(CancellationToken cancellationToken)
    {
        if (!await lease.TryClaimAsync("retention", Interval, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        await PruneAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Prunes now, whether or not another instance did lately (deleting what is already gone is harmless).</summary>
    public async Task PruneAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await metrics.PruneAsync(now - metricsOptions.Value.Retention, MetricsStore.HistoryKinds, cancellationToken).ConfigureAwait(false);
        await events.PruneAsync(now - TimeSpan.FromSeconds(eventOptions.Value.RetentionSeconds), cancellationToken).ConfigureAwait(false);
    }
}
