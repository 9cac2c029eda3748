using System.Text.Json;
using System.Text.Json.Nodes;
using McpGateway.Shared.Http;
using Microsoft.Extensions.Logging;

namespace McpGateway.Shared.Notifications;

/// <summary>
/// Publishes an event: logs it before returning (so every instance's streams and every later Last-Event-ID resume
/// see it, in id order), wakes this instance's <see cref="EventHub"/> and queues it for the relays, which send it in
/// the background (<see cref="EventRelayQueue"/>). The change it reports has already happened, so a failure here is
/// logged, never thrown at the caller. Old events are pruned by the retention job, not here.
/// </summary>
public sealed class EventPublisher(EventLog log, EventHub hub, EventRelayQueue relays, TimeProvider time, ILogger<EventPublisher> logger)
{
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

        await relays.EnqueueAsync(gatewayEvent).ConfigureAwait(false);
    }
}
