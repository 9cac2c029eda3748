using McpGateway.Shared.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace McpGateway.Functions;

public sealed class ResourceFunctions(RouteDispatcher dispatcher) : GatewayFunctions(dispatcher)
{
    [Function("resources")]
    public Task<IResult> Resources([HttpTrigger(AuthorizationLevel.Anonymous, Route = "resources")] HttpRequest request) =>
        DispatchAsync("resources", request);

    [Function("resources-item")]
    public Task<IResult> Resource([HttpTrigger(AuthorizationLevel.Anonymous, Route = "resources/{*id}")] HttpRequest request, string id) =>
        DispatchAsync("resources-item", request, id);

    [Function("resources-toggle")]
    public Task<IResult> Toggle([HttpTrigger(AuthorizationLevel.Anonymous, Route = "resources/{id}/toggle")] HttpRequest request, string id) =>
        DispatchAsync("resources-toggle", request, id);

    [Function("resources-state")]
    public Task<IResult> State([HttpTrigger(AuthorizationLevel.Anonymous, Route = "resources/{id}/state")] HttpRequest request, string id) =>
        DispatchAsync("resources-state", request, id);

    [Function("resources-info")]
    public Task<IResult> Info([HttpTrigger(AuthorizationLevel.Anonymous, Route = "resources/{id}/info")] HttpRequest request, string id) =>
        DispatchAsync("resources-info", request, id);
}
