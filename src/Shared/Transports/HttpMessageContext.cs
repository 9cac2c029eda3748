using System.Security.Claims;
using McpGateway.Shared.Catalog.Tools;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol.Protocol;

namespace McpGateway.Shared.Transports;

/// <summary>
/// Facts of the HTTP request a message came with that the server core reads from the message (as the SDK's own
/// host sets them): the caller, and its headers for the passthrough_headers of federated calls.
/// </summary>
public static class HttpMessageContext
{
    /// <summary>Where a message carries its HTTP request's headers, for the passthrough_headers of federated calls.</summary>
    private const string ClientHeadersItem = "mcpgateway.client-headers";
    private const string ResolvedToolItem = "mcpgateway.resolved-tool";

    public static void Annotate(JsonRpcMessage message, ClaimsPrincipal user, IHeaderDictionary headers, string? version)
    {
        Items(message)[ClientHeadersItem] = headers;
        message.Context!.User = user;
        if (!string.IsNullOrEmpty(version))
        {
            message.Context.ProtocolVersion = version;
        }
    }

    /// <summary>The caller's HTTP request headers, when the message came with an HTTP request.</summary>
    public static IHeaderDictionary? ClientHeaders(JsonRpcMessage message) =>
        message.Context?.Items?.TryGetValue(ClientHeadersItem, out var headers) == true ? headers as IHeaderDictionary : null;

    /// <summary>Keeps the tool a tools/call names, once the endpoint has looked it up, so the handler does not look again.</summary>
    public static void RememberTool(JsonRpcRequest toolCall, ToolRecord tool) => Items(toolCall)[ResolvedToolItem] = tool;

    /// <summary>The tool named <paramref name="name"/> that the endpoint looked up for this tools/call, if it did.</summary>
    public static ToolRecord? RememberedTool(JsonRpcRequest toolCall, string name) =>
        toolCall.Context?.Items?.TryGetValue(ResolvedToolItem, out var tool) == true && tool is ToolRecord { } found && found.Name == name ? found : null;

    /// <summary>The message's context items, made if it has none yet.</summary>
    private static IDictionary<string, object?> Items(JsonRpcMessage message)
    {
        message.Context ??= new JsonRpcMessageContext();
        return message.Context.Items ??= new Dictionary<string, object?>();
    }

    /// <summary>
    /// A copy of a request's headers for a message served after its request has ended (legacy SSE answers on the
    /// stream, not the POST): the server reuses a finished request's header collection.
    /// </summary>
    public static IHeaderDictionary Snapshot(IHeaderDictionary headers) =>
        new HeaderDictionary(headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase));
}
