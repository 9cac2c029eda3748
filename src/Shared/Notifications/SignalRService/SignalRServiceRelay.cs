namespace McpGateway.Shared.Notifications.SignalRService;

/// <summary>
/// Publishes each event to every client of the <c>events</c> hub of Azure SignalR Service (serverless mode), as a
/// call of the client method <c>event</c> with the envelope: the Functions app's way to reach SignalR clients.
/// </summary>
public sealed class SignalRServiceRelay(SignalRServiceClient client) : IEventRelay
{
    public Task RelayAsync(GatewayEvent gatewayEvent, CancellationToken cancellationToken) =>
        client.Configured
            ? client.BroadcastAsync(SignalRNegotiation.HubName, SignalRNegotiation.ClientMethod, [gatewayEvent], cancellationToken)
            : Task.CompletedTask;
}
