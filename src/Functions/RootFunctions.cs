using McpGateway.Shared.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace McpGateway.Functions;

public sealed class RootFunctions(RouteDispatcher dispatcher) : GatewayFunctions(dispatcher)
{
    [Function("roots")]
    public Task<IResult> Roots([HttpTrigger(AuthorizationLevel.Anonymous, Route = "roots")] HttpRequest request) => DispatchAsync("roots", request);

    [Function("roots-item")]
    public Task<IResult> Root([HttpTrigger(AuthorizationLevel.Anonymous, Route = "roots/{*id}")] HttpRequest request, string id) =>
        DispatchAsync("roots-item", request, id);
}
