using Microsoft.AspNetCore.SignalR;

namespace McpGateway.Host.Events;

/// <summary>
/// The SignalR hub at <c>/hubs/events</c>, named "events" like the hub the Functions app publishes to on Azure SignalR
/// Service: clients listen for the method <c>event</c>, whose one argument is the event envelope. Clients only listen.
/// </summary>
public sealed class Events(HubEventForwarder forwarder) : Hub
{
    public override async Task OnConnectedAsync()
    {
        await forwarder.ConnectedAsync().ConfigureAwait(false);
        await base.OnConnectedAsync().ConfigureAwait(false);
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        forwarder.Disconnected();
        await base.OnDisconnectedAsync(exception).ConfigureAwait(false);
    }
}
