using System.Text.Json;
using McpGateway.Shared.Configuration;
using McpGateway.Shared.Federation;
using McpGateway.Shared.Maintenance;
using McpGateway.Shared.Notifications;
using McpGateway.Shared.Observability;
using McpGateway.Shared.Observability.Metrics;
using McpGateway.Shared.Storage;
using McpGateway.Shared.Tests.Storage;
using McpGateway.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace McpGateway.Shared.Tests.Observability;

/// <summary>
/// Metrics through a real Azurite: counts flushed by one instance as per-minute roll-ups (with their latency
/// histograms) are what another instance reports, a minute written again replaces its row rather than adding to
/// it, and the retention job deletes roll-ups and events older than their retention and keeps the rest.
/// </summary>
public sealed class MetricsRollupStorageTests
{
    private static readonly MetricsOptions Settings = new();

    private readonly CatalogStorage storage;
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 4, 10, 0, 20, TimeSpan.Zero));

    public MetricsRollupStorageTests(AzuriteFixture azurite)
    {
        storage = TestStorage.Unique(azurite.ConnectionString, "mr");
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Calls_counted_on_one_instance_are_reported_by_another_with_their_percentiles_once_flushed()
    {
        var counting = Instance();
        var reading = Instance();
        for (var i = 1; i <= 100; i++)
        {
            counting.Ledger.Record("tool", "t1", success: i % 10 != 0, TimeSpan.FromMilliseconds(i), time.GetUtcNow());
        }

        counting.Ledger.Record("tool", "t2", success: true, TimeSpan.FromMilliseconds(5), time.GetUtcNow());
        await reading.Flusher.RefreshAsync(Cancel);
        Assert.Equal(0, reading.Store.Summary("tool", "t1").TotalExecutions);

        await counting.Flusher.FlushAsync(Cancel);
        await reading.Flusher.RefreshAsync(Cancel);

        var seen = reading.Store.Summary("tool", "t1");
        Assert.Equal((100L, 90L, 10L), (seen.TotalExecutions, seen.SuccessfulExecutions, seen.FailedExecutions));
        Assert.Equal(0.001, seen.MinResponseTime!.Value, 6);
        Assert.Equal(0.100, seen.MaxResponseTime!.Value, 6);
        Assert.Equal(0.0505, seen.AvgResponseTime!.Value, 6);

        // The histogram's buckets are 25 % wide: a percentile is within about 12 % of the true one.
        Assert.InRange(seen.P50ResponseTime!.Value, 0.050 * 0.88, 0.050 * 1.12);
        Assert.InRange(seen.P95ResponseTime!.Value, 0.095 * 0.88, 0.095 * 1.12);
        Assert.InRange(seen.P99ResponseTime!.Value, 0.099 * 0.88, 0.100);
        Assert.Equal(101, (await reading.Store.KindSummaryAsync("tool", Cancel)).TotalExecutions);
    }

    [Fact]
    public async Task A_minute_flushed_again_replaces_its_row_and_a_settled_minute_is_counted_once()
    {
        var counting = Instance();
        var reading = Instance();
        counting.Ledger.Record("tool", "t1", success: true, TimeSpan.FromMilliseconds(2), time.GetUtcNow());
        await counting.Flusher.FlushAsync(Cancel);

        counting.Ledger.Record("tool", "t1", success: false, TimeSpan.FromMilliseconds(4), time.GetUtcNow());
        await counting.Flusher.FlushAsync(Cancel);
        await reading.Flusher.RefreshAsync(Cancel);
        Assert.Equal((2L, 1L), (reading.Store.Summary("tool", "t1").TotalExecutions, reading.Store.Summary("tool", "t1").FailedExecutions));

        // Two minutes on, the first minute is settled (written as final, then held by the view) and a new one counts.
        time.Advance(TimeSpan.FromMinutes(2));
        counting.Ledger.Record("tool", "t1", success: true, TimeSpan.FromMilliseconds(3), time.GetUtcNow());
        await counting.Flusher.FlushAsync(Cancel);
        await counting.Flusher.FlushAsync(Cancel);
        await reading.Flusher.RefreshAsync(Cancel);

        Assert.Equal(3, counting.Store.Summary("tool", "t1").TotalExecutions);
        Assert.Equal(3, reading.Store.Summary("tool", "t1").TotalExecutions);
        Assert.Equal(2, (await new MetricsRollupTable(storage).ReadAsync("tool", 0, Cancel)).Count);
    }

    [Fact]
    public async Task The_retention_job_deletes_rollups_and_events_older_than_their_retention_and_keeps_newer_ones()
    {
        var counting = Instance();
        var events = new EventLog(storage);
        var old = time.GetUtcNow();
        counting.Ledger.Record("tool", "old-tool", success: true, TimeSpan.FromMilliseconds(1), old);
        await events.AppendAsync(Event(old, "old-tool"), Cancel);
        time.Advance(TimeSpan.FromMinutes(2));
        await counting.Flusher.FlushAsync(Cancel);

        time.Advance(Settings.Retention);
        counting.Ledger.Record("tool", "new-tool", success: true, TimeSpan.FromMilliseconds(1), time.GetUtcNow());
        await counting.Flusher.FlushAsync(Cancel);
        await events.AppendAsync(Event(time.GetUtcNow(), "new-tool"), Cancel);

        var job = new RetentionJob(
            new MetricsRollupTable(storage), events, new JobLease(storage, time), Options.Create(Settings), Options.Create(new EventOptions()), time);
        Assert.True(await job.RunWhenDueAsync(Cancel));
        Assert.False(await job.RunWhenDueAsync(Cancel));

        var rows = await new MetricsRollupTable(storage).ReadAsync("tool", 0, Cancel);
        Assert.Equal(["new-tool"], rows.Select(r => r.Key.ItemId));
        var kept = new List<string>();
        await foreach (var gatewayEvent in events.ReadAfterAsync(EventIds.Floor(DateTimeOffset.UnixEpoch), Cancel))
        {
            kept.Add(gatewayEvent.Id);
        }

        Assert.Equal(["new-tool"], kept);
    }

    private static GatewayEvent Event(DateTimeOffset at, string itemId) =>
        new(EventIds.New(at), "tool_updated", "tool", itemId, at, JsonDocument.Parse("{}").RootElement);

    /// <summary>One gateway instance's metrics: its own ledger (instance id), flusher and reads, over the shared storage.</summary>
    private MetricsInstance Instance()
    {
        var ledger = new MetricsLedger(Guid.NewGuid().ToString("N")[..16]);
        var table = new MetricsRollupTable(storage);
        return new MetricsInstance(
            ledger,
            new MetricsFlusher(ledger, table, Options.Create(Settings), time, NullLogger<MetricsFlusher>.Instance),
            new MetricsStore(ledger, table, time));
    }

    private sealed record MetricsInstance(MetricsLedger Ledger, MetricsFlusher Flusher, MetricsStore Store);
}
