using McpGateway.Shared.Notifications;
using McpGateway.Shared.Notifications.SignalRService;
using Microsoft.AspNetCore.SignalR;

namespace McpGateway.Host.Events;

/// <summary>With Azure SignalR Service: each event published here goes to the service once, which sends it to every client of every instance.</summary>
public sealed class HubEventRelay(IHubContext<Events> hub) : IEventRelay
{
    public Task RelayAsync(GatewayEvent gatewayEvent, CancellationToken cancellationToken) =>
        hub.Clients.All.SendAsync(SignalRNegotiation.ClientMethod, gatewayEvent, cancellationToken);
}
