using McpGateway.Shared.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace McpGateway.Functions;

/// <summary>The MCP Streamable HTTP endpoints: the whole catalog, and one virtual server's.</summary>
public sealed class McpFunctions(RouteDispatcher dispatcher) : GatewayFunctions(dispatcher)
{
    [Function("mcp")]
    public Task<IResult> Mcp([HttpTrigger(AuthorizationLevel.Anonymous, Route = "mcp")] HttpRequest request) => DispatchAsync("mcp", request);

    [Function("servers-mcp")]
    public Task<IResult> ServerMcp([HttpTrigger(AuthorizationLevel.Anonymous, Route = "servers/{id}/mcp")] HttpRequest request, string id) =>
        DispatchAsync("servers-mcp", request, id);
}
