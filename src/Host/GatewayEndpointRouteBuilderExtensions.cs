using McpGateway.Host.Transports;
using McpGateway.Shared.Http;

namespace McpGateway.Host;

public static class GatewayEndpointRouteBuilderExtensions
{
    /// <summary>Maps every route of <see cref="GatewayRouteTable"/> (the routes both hosts serve).</summary>
    public static IEndpointRouteBuilder MapGateway(this IEndpointRouteBuilder endpoints) => endpoints.MapRoutes(GatewayRouteTable.Routes);

    /// <summary>Answers a path that no endpoint serves with a 404 problem, like every other error.</summary>
    public static IEndpointRouteBuilder MapNotFound(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapFallback((HttpContext context) => ProblemResponses.Create(
            StatusCodes.Status404NotFound, "Not Found", $"No route serves {context.Request.Method} {context.Request.Path}.", context));
        return endpoints;
    }

    /// <summary>Maps the container host's long-lived transports that TRANSPORT_TYPE turns on.</summary>
    public static IEndpointRouteBuilder MapLongLivedTransports(this IEndpointRouteBuilder endpoints, TransportOptions options) =>
        endpoints.MapRoutes(LongLivedTransports.Routes(options));

    /// <summary>Maps <paramref name="routes"/> for all methods; the dispatcher answers 405 itself.</summary>
    private static IEndpointRouteBuilder MapRoutes(this IEndpointRouteBuilder endpoints, IEnumerable<GatewayRoute> routes)
    {
        foreach (var route in routes)
        {
            endpoints.Map(route.Template, (HttpContext context, RouteDispatcher dispatcher) =>
                    dispatcher.DispatchAsync(route, context, context.Request.RouteValues.ToDictionary(v => v.Key, v => v.Value?.ToString())))
                .WithName(route.Name)
                .WithOrder(1);
        }

        return endpoints;
    }
}
