using System.Text.Json.Nodes;
using McpGateway.Shared.Catalog.Gateways;
using McpGateway.Shared.Protocol;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpGateway.Shared.Federation;

/// <summary>A caller's request on a federated item (tools/call, prompts/get, resources/read), as it goes to the upstream.</summary>
/// <param name="Parameters">The caller's parameters, which the upstream gets as they came (under the upstream name).</param>
/// <param name="UpstreamName">The item's name on its upstream, for tools and prompts.</param>
/// <param name="KnownTool">For tools/call: the tool, whose x-mcp-header arguments the SDK client mirrors into headers.</param>
/// <param name="Caller">The client-facing server core of the request, which asks the caller for what the upstream needs.</param>
/// <param name="Relay">Passes the upstream's progress and log messages on to the caller.</param>
/// <param name="LogLevel">The level of log messages the caller asked for.</param>
/// <param name="ClientHeaders">The caller's HTTP headers, of which the peer's passthrough_headers are forwarded.</param>
/// <param name="Idempotent">Whether a failed attempt may be retried (reads are; tool calls are not).</param>
internal sealed record ForwardedRequest(
    PeerGatewayRecord Gateway,
    string Method,
    JsonNode? Parameters,
    string? UpstreamName,
    Tool? KnownTool,
    McpServer? Caller,
    CallerRelay? Relay,
    LoggingLevel? LogLevel,
    IHeaderDictionary? ClientHeaders,
    bool Idempotent);
