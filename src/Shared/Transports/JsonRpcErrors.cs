using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpGateway.Shared.Transports;

/// <summary>JSON-RPC error responses sent by the transports before (or instead of) the server core.</summary>
public static class JsonRpcErrors
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int MethodNotFound = -32601;
    public const int InvalidParams = -32602;
    public const int InternalError = -32603;

    /// <summary>Transport-level failures (missing session, bad headers) that JSON-RPC has no code for.</summary>
    public const int ServerError = -32000;

    /// <summary>An unknown or expired Mcp-Session-Id.</summary>
    public const int SessionNotFound = -32001;

    /// <summary>Storage cannot be reached (see <see cref="StorageOutageResponder"/>).</summary>
    public const int StorageUnavailable = -32003;

    public static IResult Result(int httpStatus, int code, string message, RequestId id = default, JsonNode? data = null) =>
        Results.Json(Create(code, message, id, data), McpJsonUtilities.DefaultOptions, statusCode: httpStatus);

    public static JsonRpcError Create(int code, string message, RequestId id = default, JsonNode? data = null) =>
        new() { Id = id, Error = new JsonRpcErrorDetail { Code = code, Message = message, Data = data } };

    /// <summary>The 404 of an MCP endpoint of a virtual server that does not exist or is disabled.</summary>
    public static IResult UnknownServer(string serverRef) =>
        Result(StatusCodes.Status404NotFound, ServerError, $"No enabled virtual server '{serverRef}' exists.");

    /// <summary>The error for an MCP-Protocol-Version the gateway does not speak, listing the ones it does.</summary>
    public static IResult UnsupportedVersion(string requested, IReadOnlyList<string> supported, RequestId id = default) =>
        Result(
            StatusCodes.Status400BadRequest,
            (int)McpErrorCode.UnsupportedProtocolVersion,
            $"Bad Request: protocol version '{requested}' is not supported; use one of {string.Join(", ", supported)}.",
            id,
            new JsonObject { ["supported"] = new JsonArray([.. supported.Select(v => (JsonNode)v)]), ["requested"] = requested });
}
