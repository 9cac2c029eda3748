using McpGateway.Shared.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace McpGateway.Functions;

/// <summary>The Admin UI at <c>/ui/</c> (the Functions host reserves <c>/admin</c>) and its cookie sign-in.</summary>
public sealed class AdminUiFunctions(RouteDispatcher dispatcher) : GatewayFunctions(dispatcher)
{
    [Function("ui")]
    public Task<IResult> Ui([HttpTrigger(AuthorizationLevel.Anonymous, Route = "ui/{*path}")] HttpRequest request, string? path) =>
        DispatchAsync("ui", request, new Dictionary<string, string?> { ["path"] = path });

    [Function("auth-session")]
    public Task<IResult> Session([HttpTrigger(AuthorizationLevel.Anonymous, Route = "auth/session")] HttpRequest request) =>
        DispatchAsync("auth-session", request);
}
