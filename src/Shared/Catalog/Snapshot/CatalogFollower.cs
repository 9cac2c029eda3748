using Azure;
using McpGateway.Shared.Configuration;
using McpGateway.Shared.Notifications;
using McpGateway.Shared.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpGateway.Shared.Catalog.Snapshot;

/// <summary>
/// Loads every kind's snapshot, then keeps it current from the event log every write appends: one query per
/// CATALOG_POLL_INTERVAL reads the events of the last <see cref="SettleWindow"/> (so an event that lands late, from a
/// slower writer or a skewed clock, is still seen; ids already applied are skipped), and re-reads the item each new
/// event names. Every CATALOG_RECONCILE_INTERVAL, and whenever the log no longer reaches back to where it last read
/// (pruned past its position while this instance could not read), it re-reads every table instead.
/// </summary>
/// <remarks>
/// The kinds are resolved when the follower starts (their services wait on it through <see cref="ICatalogReadiness"/>).
/// One loop does every read, one at a time, which <see cref="KindSnapshot{T}.BeginRead"/> relies on.
/// </remarks>
public sealed partial class CatalogFollower(
    IServiceProvider services,
    EventLog log,
    IOptions<CatalogSnapshotOptions> options,
    IOptions<EventOptions> eventOptions,
    TimeProvider time,
    ILogger<CatalogFollower> logger) : ICatalogReadiness, IAsyncDisposable
{
    public static readonly TimeSpan SettleWindow = TimeSpan.FromSeconds(10);

    private readonly object gate = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly SortedSet<string> seen = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? loop;
    private TaskCompletionSource attempt = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile Exception? outage;
    private IReadOnlyDictionary<string, ISnapshotSource> sources = new Dictionary<string, ISnapshotSource>();
    private DateTimeOffset followedFrom;
    private DateTimeOffset nextReconcile;
    private int disposed;

    public bool IsReady => loaded.Task.IsCompletedSuccessfully && outage is null;

    public ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        if (outage is { } failure)
        {
            throw new StorageUnavailableException("The catalog cannot be followed: storage does not answer.", failure);
        }

        return loaded.Task.IsCompletedSuccessfully ? ValueTask.CompletedTask : WaitForLoadAsync(cancellationToken);
    }

    /// <summary>Starts loading and following (once); completes when the first load did, or failed.</summary>
    public Task StartAsync()
    {
        lock (gate)
        {
            loop ??= Task.Run(() => RunAsync(stopping.Token));
            return attempt.Task;
        }
    }

    private async ValueTask WaitForLoadAsync(CancellationToken cancellationToken)
    {
        await StartAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        await loaded.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        sources = services.GetServices<ISnapshotSource>().ToDictionary(s => s.Entity, StringComparer.Ordinal);
        var interval = TimeSpan.FromMilliseconds(options.Value.PollIntervalMilliseconds);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (!loaded.Task.IsCompleted || NeedsReload())
                {
                    await ReloadAllAsync(cancellationToken).ConfigureAwait(false);
                    loaded.TrySetResult();
                }
                else
                {
                    await PollAsync(cancellationToken).ConfigureAwait(false);
                }

                outage = null;
                EndAttempt(null);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is StorageUnavailableException or RequestFailedException)
            {
                if (loaded.Task.IsCompleted)
                {
                    outage ??= ex;
                }

                LogFollowFailed(ex);
                EndAttempt(ex);
            }

            try
            {
                await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Completes the current load attempt (so waiting requests learn how it went) and arms the next.</summary>
    private void EndAttempt(Exception? failure)
    {
        lock (gate)
        {
            if (failure is null)
            {
                attempt.TrySetResult();
                return;
            }

            var failed = attempt;
            attempt = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            failed.TrySetException(new StorageUnavailableException("The catalog could not be loaded: storage does not answer.", failure));
        }
    }

    /// <summary>Due for the periodic reconcile, or the log was pruned past the point this instance read to.</summary>
    private bool NeedsReload()
    {
        var now = time.GetUtcNow();
        return now >= nextReconcile || followedFrom < now - TimeSpan.FromSeconds(eventOptions.Value.RetentionSeconds) + SettleWindow;
    }

    private async Task ReloadAllAsync(CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        foreach (var source in sources.Values)
        {
            await source.ReloadAsync(cancellationToken).ConfigureAwait(false);
        }

        // What was written while the tables were read is in the log from the start of the reload on.
        Follow(started);
        nextReconcile = started + TimeSpan.FromSeconds(options.Value.ReconcileIntervalSeconds);
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        await foreach (var gatewayEvent in log.ReadAfterAsync(EventIds.Floor(followedFrom - SettleWindow), cancellationToken).ConfigureAwait(false))
        {
            if (seen.Add(gatewayEvent.EventId) && sources.TryGetValue(gatewayEvent.Entity, out var source))
            {
                await ApplyAsync(source, gatewayEvent, cancellationToken).ConfigureAwait(false);
            }
        }

        Follow(started);
    }

    private static Task ApplyAsync(ISnapshotSource source, GatewayEvent gatewayEvent, CancellationToken cancellationToken) =>
        gatewayEvent.Type == EventTypes.ListChanged || gatewayEvent.Id.Length == 0
            ? source.ReloadAsync(cancellationToken) // a sync changed many items of the kind at once
            : source.RefreshAsync(gatewayEvent.Id, cancellationToken);

    /// <summary>Everything before <paramref name="from"/> is applied; ids older than the window are no longer needed.</summary>
    private void Follow(DateTimeOffset from)
    {
        followedFrom = from;
        var floor = EventIds.Floor(from - SettleWindow);
        seen.RemoveWhere(id => string.CompareOrdinal(id, floor) < 0);
    }

    public async ValueTask DisposeAsync()
    {
        // The container disposes it once for each service it is registered as.
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await stopping.CancelAsync().ConfigureAwait(false);
        if (loop is not null)
        {
            await loop.ConfigureAwait(false);
        }

        stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The catalog snapshot could not read storage; requests wait or answer 503 until it can")]
    private partial void LogFollowFailed(Exception exception);
}
