using McpGateway.Shared.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace McpGateway.Functions;

public sealed class ServerFunctions(RouteDispatcher dispatcher) : GatewayFunctions(dispatcher)
{
    [Function("servers")]
    public Task<IResult> Servers([HttpTrigger(AuthorizationLevel.Anonymous, Route = "servers")] HttpRequest request) => DispatchAsync("servers", request);

    [Function("servers-item")]
    public Task<IResult> Server([HttpTrigger(AuthorizationLevel.Anonymous, Route = "servers/{id}")] HttpRequest request, string id) =>
        DispatchAsync("servers-item", request, id);

    [Function("servers-toggle")]
    public Task<IResult> Toggle([HttpTrigger(AuthorizationLevel.Anonymous, Route = "servers/{id}/toggle")] HttpRequest request, string id) =>
        DispatchAsync("servers-toggle", request, id);

    [Function("servers-state")]
    public Task<IResult> State([HttpTrigger(AuthorizationLevel.Anonymous, Route = "servers/{id}/state")] HttpRequest request, string id) =>
        DispatchAsync("servers-state", request, id);

    [Function("servers-tools")]
    public Task<IResult> Tools([HttpTrigger(AuthorizationLevel.Anonymous, Route = "servers/{id}/tools")] HttpRequest request, string id) =>
        DispatchAsync("servers-tools", request, id);

    [Function("servers-resources")]
    public Task<IResult> Resources([HttpTrigger(AuthorizationLevel.Anonymous, Route = "servers/{id}/resources")] HttpRequest request, string id) =>
        DispatchAsync("servers-resources", request, id);

    [Function("servers-prompts")]
    public Task<IResult> Prompts([HttpTrigger(AuthorizationLevel.Anonymous, Route = "servers/{id}/prompts")] HttpRequest request, string id) =>
        DispatchAsync("servers-prompts", request, id);
}
