using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using McpGateway.Shared.Protocol;
using ModelContextProtocol.Protocol;

namespace McpGateway.Shared.Catalog.Tools;

/// <summary>Where a tools/call comes from and what travels with it.</summary>
/// <param name="ServerId">The virtual server the call came through, whose metrics count it too.</param>
/// <param name="Revision">The caller's protocol revision, which decides how invalid arguments are reported.</param>
/// <param name="Relay">Passes a federated tool's progress and log messages on to the caller.</param>
/// <param name="ClientHeaders">The caller's HTTP headers, of which a peer's passthrough_headers are forwarded.</param>
/// <param name="Caller">The client-facing server core of the call, which asks the caller for what an upstream needs.</param>
/// <param name="RequestParams">The call's parameters as the caller sent them, which a federated tool's upstream gets as they are.</param>
/// <param name="LogLevel">The level of log messages the caller asked for (its session's, or the request's on 2026-07-28).</param>
public sealed record ToolCallContext(
    string? ServerId,
    string? Revision,
    CallerRelay? Relay,
    IHeaderDictionary? ClientHeaders,
    ModelContextProtocol.Server.McpServer? Caller,
    JsonNode? RequestParams,
    LoggingLevel? LogLevel);
