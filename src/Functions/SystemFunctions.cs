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

    [Function("metrics-history")]
    public Task<IResult> MetricsHistory([HttpTrigger(AuthorizationLevel.Anonymous, Route = "metrics/history")] HttpRequest request) =>
        DispatchAsync("metrics-history", request);

    [Function("export")]
    public Task<IResult> Export([HttpTrigger(AuthorizationLevel.Anonymous, Route = "export")] HttpRequest request) => DispatchAsync("export", request);

    [Function("import")]
    public Task<IResult> Import([HttpTrigger(AuthorizationLevel.Anonymous, Route = "import")] HttpRequest request) => DispatchAsync("import", request);
}
