namespace McpGateway.Shared.Notifications;

/// <summary>
/// Hands each event published on this instance to a service that fans it out to clients everywhere (Azure SignalR
/// Service). Relays see an event once, on the instance that published it; streams served by this instance get
/// events through the <see cref="EventHub"/> instead.
/// </summary>
public interface IEventRelay
{
    Task RelayAsync(GatewayEvent gatewayEvent, CancellationToken cancellationToken);
}
