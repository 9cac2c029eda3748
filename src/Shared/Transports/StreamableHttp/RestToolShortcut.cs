using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using McpGateway.Shared.Catalog.Tools;
using McpGateway.Shared.Protocol;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpGateway.Shared.Transports.StreamableHttp;

/// <summary>
/// Answers a stateless (2026-07-28) tools/call of a REST tool without a server core. Such a call can send nothing
/// but its response (a REST tool reports no progress, logs nothing and asks the caller nothing), and building,
/// running and stopping the SDK's server core for it measured as about 40 % of the gateway's work per call. The
/// answer is the one the server core gives: the result as the handler makes it, <c>resultType</c> and the server's
/// identity in <c>_meta</c>. Whatever the server core would judge differently is left to it: a call whose
/// <c>_meta</c> carries anything beyond the protocol version, client capabilities, client info and log level (a
/// progress token, say), or whose params or metadata do not read as their types, is not taken.
/// </summary>
public sealed class RestToolShortcut(ToolCallService toolCalls, McpServerFactory servers, InFlightRequests inFlight)
{
    /// <summary>The request metadata the shortcut reads as the server core does: each must read as its type.</summary>
    private static readonly Dictionary<string, JsonTypeInfo> PlainMeta = new(StringComparer.Ordinal)
    {
        [McpMetaKeys.ProtocolVersion] = McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(string)),
        [McpMetaKeys.ClientCapabilities] = McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(ClientCapabilities)),
        [McpMetaKeys.ClientInfo] = McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(Implementation)),
        [McpMetaKeys.LogLevel] = McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(LoggingLevel)),
    };

    private static readonly JsonTypeInfo<CallToolRequestParams> ParamsJson =
        (JsonTypeInfo<CallToolRequestParams>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(CallToolRequestParams));

    /// <summary>The call's params when the shortcut may answer it, else null (the server core serves it).</summary>
    public static CallToolRequestParams? Accepts(ToolRecord tool, JsonObject parameters)
    {
        if (tool.GatewayId is not null || tool.IntegrationType != ToolService.Rest || parameters["_meta"] is not JsonObject meta)
        {
            return null;
        }

        try
        {
            return meta.All(entry => PlainMeta.TryGetValue(entry.Key, out var type) && entry.Value?.Deserialize(type) is not null)
                ? parameters.Deserialize(ParamsJson)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Calls the tool and answers with its result as one JSON body, or nothing when the call is cancelled.</summary>
    public async Task<IResult> ServeAsync(HttpContext http, CatalogScope scope, JsonRpcRequest call, CallToolRequestParams parameters, ToolRecord tool, string version)
    {
        using var registration = inFlight.Register(McpRequestServer.Owner(http, session: null), call.Id.ToString(), transport: null, http.RequestAborted);
        CallToolResult result;
        try
        {
            result = await toolCalls.CallAsync(
                tool, parameters.Arguments, new ToolCallContext(scope.ServerId, version, Relay: null, ClientHeaders: null, Caller: null, call.Params, LogLevel: null), registration.Token)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (registration.Token.IsCancellationRequested)
        {
            // As with the server core: a cancelled request is not answered.
            return Results.Empty;
        }

        var written = (JsonObject)JsonSerializer.SerializeToNode(ToolCallResults.Stamped(result, version), ToolCallResults.Json)!;
        var meta = written["_meta"] as JsonObject ?? (JsonObject)(written["_meta"] = new JsonObject());
        meta[McpMetaKeys.ServerInfo] = JsonSerializer.SerializeToNode(servers.ServerInfo, McpJsonUtilities.DefaultOptions);
        return Results.Json<JsonRpcMessage>(new JsonRpcResponse { Id = call.Id, Result = written }, McpJsonUtilities.DefaultOptions);
    }
}
