using McpGateway.Shared.Http;
using Microsoft.AspNetCore.Http;

namespace McpGateway.Functions;

/// <summary>
/// Base of the HTTP-triggered functions: each function binds its route values and hands the request to
/// the same <see cref="RouteDispatcher"/> the container host uses, so both serve one behaviour.
/// Triggers list no methods; the dispatcher answers 405 for the ones a route does not have.
/// </summary>
public abstract class GatewayFunctions(RouteDispatcher dispatcher)
{
    private static readonly IReadOnlyDictionary<string, string?> NoRouteValues = new Dictionary<string, string?>();

    protected Task<IResult> DispatchAsync(string routeName, HttpRequest request) =>
        dispatcher.DispatchAsync(GatewayRouteTable.Get(routeName), request.HttpContext, NoRouteValues);

    protected Task<IResult> DispatchAsync(string routeName, HttpRequest request, string id) =>
        dispatcher.DispatchAsync(GatewayRouteTable.Get(routeName), request.HttpContext, new Dictionary<string, string?> { ["id"] = id });

    /// <summary>For routes with more than an id, such as <c>prompts/{id}/versions/{version}/rollback</c>.</summary>
    protected Task<IResult> DispatchAsync(string routeName, HttpRequest request, IReadOnlyDictionary<string, string?> routeValues) =>
        dispatcher.DispatchAsync(GatewayRouteTable.Get(routeName), request.HttpContext, routeValues);
}
