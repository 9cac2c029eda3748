using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol;

namespace McpGateway.Shared.Catalog.Tools;

/// <summary>Where a tools/call comes from and what travels with it.</summary>
/// <param name="ServerId">The virtual server the call came through, whose metrics count it too.</param>
/// <param name="Revision">The caller's protocol revision, which decides how invalid arguments are reported.</param>
/// <param name="Progress">Receives a federated tool's progress notifications for the caller.</param>
/// <param name="ClientHeaders">The caller's HTTP headers, of which a peer's passthrough_headers are forwarded.</param>
/// <param name="Caller">The client-facing server core of the call, which asks the caller for what an upstream needs.</param>
/// <param name="RequestParams">The call's parameters as the caller sent them, which a federated tool's upstream gets as they are.</param>
public sealed record ToolCallContext(
    string? ServerId,
    string? Revision,
    IProgress<ProgressNotificationValue>? Progress,
    IHeaderDictionary? ClientHeaders,
    ModelContextProtocol.Server.McpServer? Caller,
    JsonNode? RequestParams);
