using McpGateway.Shared.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace McpGateway.Functions;

public sealed class SystemFunctions(RouteDispatcher dispatcher) : GatewayFunctions(dispatcher)
{
    [Function("health")]
    public Task<IResult> Health([HttpTrigger(AuthorizationLevel.Anonymous, Route = "health")] HttpRequest request) => DispatchAsync("health", request);

    [Function("version")]
    public Task<IResult> Version([HttpTrigger(AuthorizationLevel.Anonymous, Route = "version")] HttpRequest request) => DispatchAsync("version", request);

    [Function("metrics")]
    public Task<IResult> Metrics([HttpTrigger(AuthorizationLevel.Anonymous, Route = "metrics")] HttpRequest request) => DispatchAsync("metrics", request);

    [Function("metrics-reset")]
    public Task<IResult> MetricsReset([HttpTrigger(AuthorizationLevel.Anonymous, Route = "metrics/reset")] HttpRequest request) =>
        DispatchAsync("metrics-reset", request);
}
