using McpGateway.Host.Transports.LegacySse;
using McpGateway.Host.Transports.WebSockets;
using McpGateway.Shared.Http;

namespace McpGateway.Host.Transports;

/// <summary>
/// The MCP transports that hold a connection open (legacy SSE, WebSocket, stdio). Only the container host offers
/// them: a serverless instance cannot keep a connection, so their routes are not in <see cref="GatewayRouteTable"/>.
/// </summary>
public static class LongLivedTransports
{
    public static IServiceCollection AddLongLivedTransports(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TransportOptions>().Bind(configuration).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ConnectionAdmission>();
        services.AddSingleton<ConnectionNotifications>();
        services.AddSingleton<McpConnectionServer>();
        services.AddSingleton<LegacySseEndpoint>();
        services.AddSingleton<WebSocketEndpoint>();
        return services;
    }

    /// <summary>The routes of the HTTP transports TRANSPORT_TYPE turns on; the others do not exist (404).</summary>
    public static IEnumerable<GatewayRoute> Routes(TransportOptions options) =>
    [
        .. options.ServesSse ? LegacySseEndpoint.Routes() : [],
        .. options.ServesWebSocket ? WebSocketEndpoint.Routes() : [],
    ];
}
