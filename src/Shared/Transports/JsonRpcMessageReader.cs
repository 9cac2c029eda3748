using System.Text.Json;
using System.Text.Json.Nodes;
using McpGateway.Shared.Http;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpGateway.Shared.Transports;

/// <summary>Turns a POST body into JSON-RPC messages, saying precisely what is wrong with a bad one.</summary>
public static class JsonRpcMessageReader
{
    /// <summary>The body as JSON, or a -32700 error (-32600 for a member named twice).</summary>
    public static JsonNode? ParseJson(ReadOnlySpan<byte> body, out JsonRpcError? error)
    {
        try
        {
            error = null;
            return StrictJson.Parse(body) ?? throw new MalformedJsonException("the body is JSON null.", duplicateMember: false);
        }
        catch (MalformedJsonException ex)
        {
            error = ex.DuplicateMember
                ? JsonRpcErrors.Create(JsonRpcErrors.InvalidRequest, $"Invalid Request: {ex.Message}")
                : JsonRpcErrors.Create(JsonRpcErrors.ParseError, $"Parse error: the body is not valid JSON ({ex.Message})");
            return null;
        }
    }

    /// <summary>One message of the body, or a -32600 error naming what makes it invalid.</summary>
    public static JsonRpcMessage? ReadMessage(JsonNode? node, out JsonRpcError? error)
    {
        error = null;
        if (node is not JsonObject obj)
        {
            error = JsonRpcErrors.Create(JsonRpcErrors.InvalidRequest, "Invalid Request: a JSON-RPC message must be a JSON object.");
            return null;
        }

        var id = IdOf(obj);
        if (obj["jsonrpc"] is not JsonValue version || !version.TryGetValue<string>(out var text) || text != "2.0")
        {
            error = JsonRpcErrors.Create(JsonRpcErrors.InvalidRequest, "Invalid Request: \"jsonrpc\" must be \"2.0\".", id);
            return null;
        }

        if (obj.ContainsKey("method") && (obj["method"] is not JsonValue method || !method.TryGetValue<string>(out _)))
        {
            error = JsonRpcErrors.Create(JsonRpcErrors.InvalidRequest, "Invalid Request: \"method\" must be a string.", id);
            return null;
        }

        if (obj.ContainsKey("params") && obj["params"] is not (JsonObject or JsonArray))
        {
            error = JsonRpcErrors.Create(JsonRpcErrors.InvalidRequest, "Invalid Request: \"params\" must be an object or an array.", id);
            return null;
        }

        try
        {
            return obj.Deserialize<JsonRpcMessage>(McpJsonUtilities.DefaultOptions)
                ?? throw new JsonException("The message is null.");
        }
        catch (JsonException ex)
        {
            error = JsonRpcErrors.Create(JsonRpcErrors.InvalidRequest, $"Invalid Request: {ex.Message}", id);
            return null;
        }
    }

    /// <summary>
    /// The -32602 error of an initialize request whose params are missing or mistyped, or null for any other message.
    /// The server core is not given such params: it fails on them instead of answering.
    /// </summary>
    public static JsonRpcError? InvalidInitializeParams(JsonRpcMessage message)
    {
        if (message is not JsonRpcRequest { Method: RequestMethods.Initialize } request)
        {
            return null;
        }

        string fault;
        try
        {
            if (request.Params.Deserialize<InitializeRequestParams>(McpJsonUtilities.DefaultOptions) is not null)
            {
                return null;
            }

            fault = "the request has no params.";
        }
        catch (JsonException ex)
        {
            fault = ex.Message;
        }

        return JsonRpcErrors.Create(
            JsonRpcErrors.InvalidParams,
            $"Invalid params: initialize needs protocolVersion (a string), capabilities (an object) and clientInfo (an object with name and version); {fault}",
            request.Id);
    }

    /// <summary>The id of a message, or none when it has no valid one (or is not a message at all).</summary>
    public static RequestId IdOf(JsonNode? message)
    {
        try
        {
            return message is JsonObject obj && obj["id"] is JsonValue id ? id.Deserialize<RequestId>(McpJsonUtilities.DefaultOptions) : default;
        }
        catch (JsonException)
        {
            return default;
        }
    }
}
