using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace McpGateway.Shared.Notifications;

/// <summary>
/// One stream's subscription to the <see cref="EventHub"/>: the logged events after the client's Last-Event-ID,
/// then live ones, each once. A subscriber that falls <see cref="Capacity"/> events behind is cut off with
/// <see cref="EventStreamOverflowException"/>; its client resumes from the log with Last-Event-ID.
/// </summary>
public sealed class EventSubscription : IDisposable
{
    public const int Capacity = 10_000;

    private readonly EventHub hub;
    private readonly EventLog log;
    private readonly Func<GatewayEvent, bool> filter;
    private readonly string? lastEventId;
    private readonly Channel<GatewayEvent> live = Channel.CreateBounded<GatewayEvent>(new BoundedChannelOptions(Capacity) { SingleReader = true });

    internal EventSubscription(EventHub hub, EventLog log, Func<GatewayEvent, bool> filter, string? lastEventId)
    {
        this.hub = hub;
        this.log = log;
        this.filter = filter;
        this.lastEventId = lastEventId;
    }

    /// <summary>Replayed events first (when resuming), then live ones until the subscription is disposed or cancelled. Enumerate it once.</summary>
    public async IAsyncEnumerable<GatewayEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var replayed = new HashSet<string>(StringComparer.Ordinal);
        if (lastEventId is not null)
        {
            await foreach (var logged in log.ReadAfterAsync(lastEventId, cancellationToken).ConfigureAwait(false))
            {
                if (filter(logged))
                {
                    replayed.Add(logged.EventId);
                    yield return logged;
                }
            }
        }

        await foreach (var next in live.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!replayed.Contains(next.EventId))
            {
                yield return next;
            }
        }
    }

    public void Dispose()
    {
        live.Writer.TryComplete();
        hub.Unsubscribe(this);
    }

    internal void Offer(GatewayEvent gatewayEvent)
    {
        if (filter(gatewayEvent) && !live.Writer.TryWrite(gatewayEvent))
        {
            live.Writer.TryComplete(new EventStreamOverflowException(Capacity));
        }
    }
}
