using McpGateway.Shared.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace McpGateway.Functions;

public sealed class ToolFunctions(RouteDispatcher dispatcher) : GatewayFunctions(dispatcher)
{
    [Function("tools")]
    public Task<IResult> Tools([HttpTrigger(AuthorizationLevel.Anonymous, Route = "tools")] HttpRequest request) => DispatchAsync("tools", request);

    [Function("tools-item")]
    public Task<IResult> Tool([HttpTrigger(AuthorizationLevel.Anonymous, Route = "tools/{id}")] HttpRequest request, string id) =>
        DispatchAsync("tools-item", request, id);

    [Function("tools-toggle")]
    public Task<IResult> Toggle([HttpTrigger(AuthorizationLevel.Anonymous, Route = "tools/{id}/toggle")] HttpRequest request, string id) =>
        DispatchAsync("tools-toggle", request, id);

    [Function("tools-state")]
    public Task<IResult> State([HttpTrigger(AuthorizationLevel.Anonymous, Route = "tools/{id}/state")] HttpRequest request, string id) =>
        DispatchAsync("tools-state", request, id);
}
