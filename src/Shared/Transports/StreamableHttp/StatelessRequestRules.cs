using System.Text.Json.Nodes;
using McpGateway.Shared.Protocol;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpGateway.Shared.Transports.StreamableHttp;

/// <summary>
/// What 2026-07-28 (SEP-2575, SEP-2243) asks of every Streamable HTTP POST: no session-era methods, the
/// protocol version and client capabilities in <c>_meta</c>, and Mcp-Method / Mcp-Name headers that
/// match the body so intermediaries can route without parsing it.
/// </summary>
public static class StatelessRequestRules
{
    /// <returns>Null when the message may be served, else the HTTP status and error to answer with.</returns>
    public static (int Status, JsonRpcError Error)? Check(HttpRequest request, JsonRpcMessage message, string version)
    {
        var (method, parameters, id) = message switch
        {
            JsonRpcRequest r => (r.Method, r.Params, r.Id),
            JsonRpcNotification n => (n.Method, n.Params, default(RequestId)),
            _ => (null, null, default),
        };
        if (method is null)
        {
            return null;
        }

        if (message is JsonRpcRequest && ProtocolRevisions.IsRemovedInStateless(method))
        {
            return (StatusCodes.Status404NotFound, JsonRpcErrors.Create(
                JsonRpcErrors.MethodNotFound, $"Method '{method}' is not available in protocol version {version}.", id));
        }

        var methodHeader = request.Headers[McpHeaders.Method].ToString().Trim();
        if (methodHeader != method)
        {
            return HeaderMismatch(methodHeader.Length == 0
                ? $"The {McpHeaders.Method} header is required."
                : $"The {McpHeaders.Method} header '{methodHeader}' does not match the body's method '{method}'.", id);
        }

        if (RoutingParameter(method) is { } routing)
        {
            var nameHeader = request.Headers[McpHeaders.Name].ToString().Trim();
            var expected = StringAt(parameters as JsonObject, routing);
            if (McpHeaderEncoder.DecodeValue(nameHeader) != expected)
            {
                return HeaderMismatch(nameHeader.Length == 0
                    ? $"The {McpHeaders.Name} header is required for {method}."
                    : $"The {McpHeaders.Name} header does not match the body's {routing}.", id);
            }
        }

        if (message is not JsonRpcRequest)
        {
            return null;
        }

        var meta = (parameters as JsonObject)?["_meta"] as JsonObject;
        if (StringAt(meta, McpMetaKeys.ProtocolVersion) is not { } metaVersion)
        {
            return (StatusCodes.Status400BadRequest, JsonRpcErrors.Create(
                JsonRpcErrors.InvalidParams, $"Requests in protocol version {version} must carry _meta.{McpMetaKeys.ProtocolVersion}.", id));
        }

        if (metaVersion != version)
        {
            return HeaderMismatch($"The {McpHeaders.ProtocolVersion} header '{version}' does not match _meta.{McpMetaKeys.ProtocolVersion} '{metaVersion}'.", id);
        }

        return meta?[McpMetaKeys.ClientCapabilities] is JsonObject
            ? null
            : (StatusCodes.Status400BadRequest, JsonRpcErrors.Create(
                JsonRpcErrors.InvalidParams, $"Requests in protocol version {version} must carry _meta.{McpMetaKeys.ClientCapabilities} as an object.", id));
    }

    /// <summary>The HTTP status for an error the server core answered with, as 2026-07-28 maps them.</summary>
    public static int? StatusFor(JsonRpcError error) => (McpErrorCode)error.Error.Code switch
    {
        McpErrorCode.MethodNotFound => StatusCodes.Status404NotFound,
        McpErrorCode.MissingRequiredClientCapability or McpErrorCode.UnsupportedProtocolVersion or McpErrorCode.HeaderMismatch => StatusCodes.Status400BadRequest,
        _ => null,
    };

    private static string? StringAt(JsonObject? obj, string key) =>
        obj?[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static string? RoutingParameter(string method) => method switch
    {
        "tools/call" or "prompts/get" => "name",
        "resources/read" => "uri",
        _ => null,
    };

    private static (int, JsonRpcError) HeaderMismatch(string message, RequestId id) =>
        (StatusCodes.Status400BadRequest, JsonRpcErrors.Create((int)McpErrorCode.HeaderMismatch, message, id));
}
