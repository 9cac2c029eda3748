using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpGateway.Shared.Notifications;

/// <summary>
/// This instance's fan-out of events to its open streams (SSE, MCP GET streams, the Host's SignalR hub, WebSocket).
/// The <see cref="EventLog"/> is the only source: while anyone is subscribed, one loop reads the log's recent rows
/// every EVENT_POLL_INTERVAL (at once when this instance published) and hands each new event to every subscriber
/// whose filter takes it, so events published by any instance reach every stream, each once.
/// </summary>
public sealed class EventHub(EventLog log, IOptions<EventOptions> options, TimeProvider time, ILogger<EventHub> logger)
{
    /// <summary>
    /// How far back each read looks. An id carries its publisher's clock and the row may land a moment after a
    /// later id was read, so ids are remembered (not a single cursor) for this long; stragglers older than this
    /// (clock skew beyond it) are still in the log, for Last-Event-ID resumes.
    /// </summary>
    private static readonly TimeSpan SettleWindow = TimeSpan.FromSeconds(10);

    private readonly Lock gate = new();
    private readonly List<EventSubscription> subscribers = [];
    private readonly Channel<bool> published = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private TaskCompletionSource? primed;

    /// <summary>
    /// Registers a subscriber and returns once it is live: every event published from now on reaches it when
    /// <paramref name="filter"/> takes it. With <paramref name="lastEventId"/>, the subscription first replays the
    /// logged events after that id.
    /// </summary>
    public async Task<EventSubscription> SubscribeAsync(Func<GatewayEvent, bool> filter, string? lastEventId, CancellationToken cancellationToken)
    {
        var subscription = new EventSubscription(this, log, filter, lastEventId);
        Task ready;
        lock (gate)
        {
            subscribers.Add(subscription);
            if (primed is null)
            {
                var starting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                primed = starting;
                _ = Task.Run(() => PollAsync(starting), CancellationToken.None);
            }

            ready = primed.Task;
        }

        try
        {
            await ready.WaitAsync(cancellationToken).ConfigureAwait(false);
            return subscription;
        }
        catch
        {
            subscription.Dispose();
            throw;
        }
    }

    /// <summary>Tells the loop that this instance just logged an event, so its streams need not wait for the next poll.</summary>
    public void NotifyPublished() => published.Writer.TryWrite(true);

    internal void Unsubscribe(EventSubscription subscription)
    {
        lock (gate)
        {
            subscribers.Remove(subscription);
        }

        NotifyPublished(); // lets an idle loop notice it has no one left to serve
    }

    /// <summary>The one polling loop; it ends (under the lock, so a new one never overlaps it) when no subscriber is left.</summary>
    private async Task PollAsync(TaskCompletionSource ready)
    {
        var interval = TimeSpan.FromMilliseconds(options.Value.PollIntervalMilliseconds);
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        try
        {
            await foreach (var logged in log.ReadAfterAsync(EventIds.Floor(time.GetUtcNow() - SettleWindow), CancellationToken.None).ConfigureAwait(false))
            {
                seen.Add(logged.EventId); // published before anyone subscribed: not news
            }
        }
        catch (Exception ex)
        {
            lock (gate)
            {
                primed = null;
            }

            ready.TrySetException(ex);
            return;
        }

        ready.TrySetResult();
        while (true)
        {
            using (var wait = new CancellationTokenSource(interval, time))
            {
                try
                {
                    await published.Reader.ReadAsync(wait.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // The interval passed without a local publish: poll for other instances' events.
                }
            }

            lock (gate)
            {
                if (subscribers.Count == 0)
                {
                    primed = null;
                    return;
                }
            }

            var floor = EventIds.Floor(time.GetUtcNow() - SettleWindow);
            var fresh = new List<GatewayEvent>();
            try
            {
                await foreach (var logged in log.ReadAfterAsync(floor, CancellationToken.None).ConfigureAwait(false))
                {
                    if (seen.Add(logged.EventId))
                    {
                        fresh.Add(logged);
                    }
                }
            }
            catch (Exception ex)
            {
                // Storage hiccups must not end the streams; the next poll reads the same window again.
                logger.LogWarning(ex, "Reading the event log failed");
            }

            // Taken after the read: whoever subscribed later had not subscribed when these events were logged.
            EventSubscription[] current;
            lock (gate)
            {
                current = [.. subscribers];
            }

            foreach (var gatewayEvent in fresh)
            {
                foreach (var subscriber in current)
                {
                    subscriber.Offer(gatewayEvent);
                }
            }

            seen.RemoveWhere(id => string.CompareOrdinal(id, floor) <= 0);
        }
    }
}
