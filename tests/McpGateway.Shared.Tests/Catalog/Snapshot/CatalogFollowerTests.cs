using System.Text.Json;
using System.Threading.Channels;
using McpGateway.Shared.Catalog.Snapshot;
using McpGateway.Shared.Configuration;
using McpGateway.Shared.Notifications;
using McpGateway.Shared.Tests.Storage;
using McpGateway.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace McpGateway.Shared.Tests.Catalog.Snapshot;

/// <summary>
/// <see cref="CatalogFollower"/> over a real event log in Azurite, on a clock the test moves: it loads every kind,
/// applies each new event by re-reading the item it names, and when it has not read for longer than the log keeps
/// events (the log may have been pruned past its position) it reloads every kind instead of trusting the log.
/// </summary>
public sealed class CatalogFollowerTests : IAsyncDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));
    private readonly EventOptions eventOptions = new();
    private readonly RecordingSource source = new();
    private readonly EventLog log;
    private readonly ServiceProvider services;
    private readonly CatalogFollower follower;

    public CatalogFollowerTests(AzuriteFixture azurite)
    {
        var storage = TestStorage.Unique(azurite.ConnectionString, "cf");
        log = new EventLog(storage);
        services = new ServiceCollection().AddSingleton<ISnapshotSource>(source).BuildServiceProvider();
        follower = new CatalogFollower(
            services,
            log,
            Options.Create(new CatalogSnapshotOptions { PollIntervalMilliseconds = (int)PollInterval.TotalMilliseconds, ReconcileIntervalSeconds = 86_400 }),
            Options.Create(eventOptions),
            time,
            NullLogger<CatalogFollower>.Instance);
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_event_is_applied_by_rereading_its_item_and_a_follower_that_fell_behind_the_log_reloads_everything()
    {
        await follower.StartAsync();
        Assert.True(follower.IsReady);
        Assert.Equal("reload", await source.NextAsync());

        await log.AppendAsync(Event("tool-a"), Cancel);
        Assert.Equal("refresh tool-a", await NextAfterPollsAsync());

        // The instance could not read for longer than the log keeps events: they were pruned meanwhile, so an event
        // written then (and pruned since) would never be seen. It must reload rather than poll from its old position.
        await log.AppendAsync(Event("tool-b"), Cancel);
        time.Advance(TimeSpan.FromSeconds(eventOptions.RetentionSeconds) + TimeSpan.FromMinutes(1));
        await log.PruneAsync(time.GetUtcNow() - TimeSpan.FromSeconds(eventOptions.RetentionSeconds), Cancel);
        Assert.Equal("reload", await NextAfterPollsAsync());

        // Followed again from the reload on: a new event is applied as usual.
        await log.AppendAsync(Event("tool-c"), Cancel);
        Assert.Equal("refresh tool-c", await NextAfterPollsAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await follower.DisposeAsync();
        await services.DisposeAsync();
    }

    private GatewayEvent Event(string itemId) =>
        new(EventIds.New(time.GetUtcNow()), "tool_updated", "tool", itemId, time.GetUtcNow(), JsonDocument.Parse("{}").RootElement);

    /// <summary>Moves the clock a poll interval at a time until the follower reads the source again.</summary>
    private async Task<string> NextAfterPollsAsync()
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        limit.CancelAfter(WaitLimit);
        while (true)
        {
            time.Advance(PollInterval);
            if (await source.TryNextAsync(TimeSpan.FromMilliseconds(100), limit.Token) is { } next)
            {
                return next;
            }
        }
    }

    /// <summary>A kind whose reads are recorded in order ("reload", "refresh {id}").</summary>
    private sealed class RecordingSource : ISnapshotSource
    {
        private readonly Channel<string> reads = Channel.CreateUnbounded<string>();

        public string Entity => "tool";

        public Task RefreshAsync(string id, CancellationToken cancellationToken) => reads.Writer.WriteAsync("refresh " + id, cancellationToken).AsTask();

        public Task ReloadAsync(CancellationToken cancellationToken) => reads.Writer.WriteAsync("reload", cancellationToken).AsTask();

        public async Task<string> NextAsync() => await reads.Reader.ReadAsync(Cancel).AsTask().WaitAsync(WaitLimit, Cancel);

        /// <returns>The next read, or null when none comes within <paramref name="wait"/>.</returns>
        public async Task<string?> TryNextAsync(TimeSpan wait, CancellationToken cancellationToken)
        {
            // A cancelled read takes nothing from the channel, so no read is lost to the wait running out.
            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            waiting.CancelAfter(wait);
            try
            {
                return await reads.Reader.ReadAsync(waiting.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return null;
            }
        }
    }
}
