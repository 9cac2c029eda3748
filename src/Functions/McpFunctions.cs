using McpGateway.Shared.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace McpGateway.Functions;

/// <summary>The MCP endpoints: Streamable HTTP (whole catalog and per virtual server), /rpc and /protocol/*.</summary>
public sealed class McpFunctions(RouteDispatcher dispatcher) : GatewayFunctions(dispatcher)
{
    [Function("mcp")]
    public Task<IResult> Mcp([HttpTrigger(AuthorizationLevel.Anonymous, Route = "mcp")] HttpRequest request) => DispatchAsync("mcp", request);

    [Function("servers-mcp")]
    public Task<IResult> ServerMcp([HttpTrigger(AuthorizationLevel.Anonymous, Route = "servers/{id}/mcp")] HttpRequest request, string id) =>
        DispatchAsync("servers-mcp", request, id);

    [Function("rpc")]
    public Task<IResult> Rpc([HttpTrigger(AuthorizationLevel.Anonymous, Route = "rpc")] HttpRequest request) => DispatchAsync("rpc", request);

    [Function("protocol-initialize")]
    public Task<IResult> Initialize([HttpTrigger(AuthorizationLevel.Anonymous, Route = "protocol/initialize")] HttpRequest request) =>
        DispatchAsync("protocol-initialize", request);

    [Function("protocol-ping")]
    public Task<IResult> Ping([HttpTrigger(AuthorizationLevel.Anonymous, Route = "protocol/ping")] HttpRequest request) =>
        DispatchAsync("protocol-ping", request);

    [Function("protocol-completion-complete")]
    public Task<IResult> Complete([HttpTrigger(AuthorizationLevel.Anonymous, Route = "protocol/completion/complete")] HttpRequest request) =>
        DispatchAsync("protocol-completion-complete", request);
}
