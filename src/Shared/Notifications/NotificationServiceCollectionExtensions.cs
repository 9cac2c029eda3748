using McpGateway.Shared.Configuration;
using McpGateway.Shared.Notifications.SignalRService;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace McpGateway.Shared.Notifications;

public static class NotificationServiceCollectionExtensions
{
    /// <summary>
    /// The event log, publisher, this instance's fan-out and SSE streams, and the Azure SignalR Service client. A host
    /// adds its relays (<see cref="IEventRelay"/>): the Functions app <see cref="SignalRServiceRelay"/>, the container
    /// host its SignalR hub.
    /// </summary>
    public static IServiceCollection AddGatewayNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedSettings<EventOptions>(configuration);
        services.AddValidatedSettings<SignalRServiceOptions>(configuration);
        services.AddSingleton<EventLog>();
        services.AddSingleton<EventHub>();
        services.AddSingleton<EventRelayQueue>();
        services.AddSingleton<EventPublisher>();
        services.AddSingleton<EventStreamResponder>();
        services.AddHttpClient<SignalRServiceClient>(client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<SignalRNegotiation>();
        return services;
    }
}
