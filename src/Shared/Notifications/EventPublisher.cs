using System.Text.Json;
using System.Text.Json.Nodes;
using McpGateway.Shared.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpGateway.Shared.Notifications;

/// <summary>
/// Publishes an event: logs it (so every instance's streams and every later Last-Event-ID resume see it), wakes
/// this instance's <see cref="EventHub"/> and hands it to the relays. The change it reports has already happened,
/// so a failure here is logged, never thrown at the caller.
/// </summary>
public sealed class EventPublisher(
    EventLog log,
    EventHub hub,
    IEnumerable<IEventRelay> relays,
    IOptions<EventOptions> options,
    TimeProvider time,
    ILogger<EventPublisher> logger)
{
    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(1);
    private long nextPruneTicks;

    /// <param name="data">A small summary of the item (name, enabled, uri...), never a secret.</param>
    public async Task PublishAsync(string type, string entity, string id, JsonObject data)
    {
        var now = time.GetUtcNow();
        var gatewayEvent = new GatewayEvent(EventIds.New(now), type, entity, id, now, JsonSerializer.SerializeToElement(data, GatewayJson.Options));
        try
        {
            // Not the request's token: the change is made, its event must go out even if the caller hung up.
            await log.AppendAsync(gatewayEvent, CancellationToken.None).ConfigureAwait(false);
            hub.NotifyPublished();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Event {Type} of {Entity} {Id} could not be logged", type, entity, id);
        }

        foreach (var relay in relays)
        {
            try
            {
                await relay.RelayAsync(gatewayEvent, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Relaying event {Type} of {Entity} {Id} through {Relay} failed", type, entity, id, relay.GetType().Name);
            }
        }

        await PruneWhenDueAsync(now).ConfigureAwait(false);
    }

    /// <summary>Drops events older than EVENT_RETENTION, at most once a minute per instance (instances that race repeat harmless deletes).</summary>
    private async Task PruneWhenDueAsync(DateTimeOffset now)
    {
        var due = Interlocked.Read(ref nextPruneTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref nextPruneTicks, (now + PruneEvery).UtcTicks, due) != due)
        {
            return;
        }

        try
        {
            await log.PruneAsync(now - TimeSpan.FromSeconds(options.Value.RetentionSeconds), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            logger.LogDebug(ex, "Pruning the event log failed; a publish a minute later tries again");
        }
    }
}
