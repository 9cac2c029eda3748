using McpGateway.Shared.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace McpGateway.Functions;

/// <summary>The peer gateway registry (<c>/gateways</c>); not to be confused with <see cref="GatewayFunctions"/>, the base of all functions.</summary>
public sealed class PeerGatewayFunctions(RouteDispatcher dispatcher) : GatewayFunctions(dispatcher)
{
    [Function("gateways")]
    public Task<IResult> Gateways([HttpTrigger(AuthorizationLevel.Anonymous, Route = "gateways")] HttpRequest request) => DispatchAsync("gateways", request);

    [Function("gateways-item")]
    public Task<IResult> Gateway([HttpTrigger(AuthorizationLevel.Anonymous, Route = "gateways/{id}")] HttpRequest request, string id) =>
        DispatchAsync("gateways-item", request, id);

    [Function("gateways-toggle")]
    public Task<IResult> Toggle([HttpTrigger(AuthorizationLevel.Anonymous, Route = "gateways/{id}/toggle")] HttpRequest request, string id) =>
        DispatchAsync("gateways-toggle", request, id);

    [Function("gateways-state")]
    public Task<IResult> State([HttpTrigger(AuthorizationLevel.Anonymous, Route = "gateways/{id}/state")] HttpRequest request, string id) =>
        DispatchAsync("gateways-state", request, id);

    [Function("gateways-refresh")]
    public Task<IResult> Refresh([HttpTrigger(AuthorizationLevel.Anonymous, Route = "gateways/{id}/tools/refresh")] HttpRequest request, string id) =>
        DispatchAsync("gateways-refresh", request, id);
}
