using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace McpGateway.Shared.Notifications;

/// <summary>
/// Hands this instance's events to the relays (<see cref="IEventRelay"/>) off the publisher's request path: one
/// reader takes them from a bounded channel in publish order, so relays see events in the order the log holds them.
/// A writer waits only while <see cref="Capacity"/> events are queued (a relay far behind). Disposing sends what is
/// queued, for at most <see cref="DrainTimeout"/>.
/// </summary>
public sealed class EventRelayQueue : IAsyncDisposable
{
    public const int Capacity = 10_000;
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    private readonly IReadOnlyList<IEventRelay> relays;
    private readonly ILogger<EventRelayQueue> logger;
    private readonly Channel<GatewayEvent> queue = Channel.CreateBounded<GatewayEvent>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly CancellationTokenSource stopping = new();
    private readonly Task sending;

    public EventRelayQueue(IEnumerable<IEventRelay> relays, ILogger<EventRelayQueue> logger)
    {
        this.relays = relays.ToList();
        this.logger = logger;
        sending = this.relays.Count == 0 ? Task.CompletedTask : Task.Run(SendAllAsync);
    }

    public async ValueTask EnqueueAsync(GatewayEvent gatewayEvent)
    {
        if (relays.Count == 0 || queue.Writer.TryWrite(gatewayEvent))
        {
            return;
        }

        try
        {
            await queue.Writer.WriteAsync(gatewayEvent, CancellationToken.None).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            logger.LogWarning("Event {Type} of {Entity} {Id} was published during shutdown and is not relayed", gatewayEvent.Type, gatewayEvent.Entity, gatewayEvent.Id);
        }
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        if (await Task.WhenAny(sending, Task.Delay(DrainTimeout)).ConfigureAwait(false) != sending)
        {
            logger.LogWarning("Events still queued for relaying were dropped at shutdown");
        }

        await stopping.CancelAsync().ConfigureAwait(false);
        await sending.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stopping.Dispose();
    }

    private async Task SendAllAsync()
    {
        await foreach (var gatewayEvent in queue.Reader.ReadAllAsync(stopping.Token).ConfigureAwait(false))
        {
            foreach (var relay in relays)
            {
                try
                {
                    await relay.RelayAsync(gatewayEvent, stopping.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (!stopping.IsCancellationRequested)
                {
                    logger.LogWarning(ex, "Relaying event {Type} of {Entity} {Id} through {Relay} failed", gatewayEvent.Type, gatewayEvent.Entity, gatewayEvent.Id, relay.GetType().Name);
                }
            }
        }
    }
}
