using McpGateway.Shared.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpGateway.Shared.Observability.Metrics;

/// <summary>
/// Moves metrics between memory and storage in the background: loads the retained roll-ups at start, then every
/// METRICS_FLUSH_INTERVAL writes this instance's changed rows and reads the rows and resets other instances wrote
/// lately; a last flush runs when the host stops (a Functions instance too, before the platform recycles it).
/// </summary>
public sealed class MetricsFlusher(
    MetricsLedger ledger,
    MetricsRollupTable table,
    IOptions<MetricsOptions> options,
    TimeProvider time,
    ILogger<MetricsFlusher> logger) : BackgroundService
{
    /// <summary>How long after its minute ends a live minute stays open to calls that were already under way.</summary>
    private static readonly TimeSpan SettleDelay = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim flushing = new(1, 1);
    private bool loaded;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "The last metrics flush failed; the counts since the previous flush are lost");
        }
    }

    public override void Dispose()
    {
        flushing.Dispose();
        base.Dispose();
    }

    /// <summary>Writes this instance's rows that changed since the last flush, in entity-group transactions.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await flushing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var pending = ledger.Pending(time.GetUtcNow() - SettleDelay);
            await table.UpsertAsync(pending.Select(p => KeyValuePair.Create(p.Key, p.Rollup)).ToList(), cancellationToken).ConfigureAwait(false);
            ledger.Written(pending);
        }
        finally
        {
            flushing.Release();
        }
    }

    /// <summary>Reads the resets and the rows other instances may still be changing (all retained rows, the first time).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var retainFrom = now - settings.Retention;
        var from = loaded ? now - (2 * settings.FlushInterval) - TimeSpan.FromMinutes(2) - SettleDelay : retainFrom;
        var resets = await table.ReadResetsAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<KeyValuePair<RollupKey, MetricsRollup>>();
        foreach (var kind in MetricsStore.HistoryKinds)
        {
            rows.AddRange(await table.ReadAsync(kind, RollupKey.MinuteOf(from), cancellationToken).ConfigureAwait(false));
        }

        ledger.Refreshed(rows, resets, retainFrom);
        loaded = true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.FlushInterval, time);
        do
        {
            try
            {
                await FlushAsync(stoppingToken).ConfigureAwait(false);
                await RefreshAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Counts stay in memory (they are cumulative per minute), so the next tick writes what this one could not.
                logger.LogWarning(ex, "Flushing or reading metrics failed; retrying in {Interval}", options.Value.FlushInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
