using McpGateway.Shared.Http;

namespace McpGateway.Host;

public static class GatewayEndpointRouteBuilderExtensions
{
    /// <summary>Maps <paramref name="routes"/> for all methods; the dispatcher answers 405 itself.</summary>
    public static IEndpointRouteBuilder MapGateway(this IEndpointRouteBuilder endpoints, IEnumerable<GatewayRoute> routes)
    {
        foreach (var route in routes)
        {
            endpoints.Map(route.Template, (HttpContext context, RouteDispatcher dispatcher) =>
                    dispatcher.DispatchAsync(route, context, context.Request.RouteValues.ToDictionary(v => v.Key, v => v.Value?.ToString())))
                .WithName(route.Name);
        }

        return endpoints;
    }
}
