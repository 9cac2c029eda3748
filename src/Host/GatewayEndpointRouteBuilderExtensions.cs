using McpGateway.Shared.Http;

namespace McpGateway.Host;

public static class GatewayEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps every route of <see cref="GatewayRouteTable"/> for all methods; the dispatcher answers 405 itself. The
    /// host's own endpoints come first where a path is shared (the SignalR hub answers <c>/hubs/events/negotiate</c>,
    /// which on Azure Functions is a gateway route).
    /// </summary>
    public static IEndpointRouteBuilder MapGateway(this IEndpointRouteBuilder endpoints)
    {
        foreach (var route in GatewayRouteTable.Routes)
        {
            endpoints.Map(route.Template, (HttpContext context, RouteDispatcher dispatcher) =>
                    dispatcher.DispatchAsync(route, context, context.Request.RouteValues.ToDictionary(v => v.Key, v => v.Value?.ToString())))
                .WithName(route.Name)
                .WithOrder(1);
        }

        return endpoints;
    }
}
