using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;
using McpGateway.Shared.Protocol;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpGateway.Shared.Upstreams.Mcp;

/// <summary>
/// A caller's request sent on to an upstream as it came (arguments, unknown fields, <c>inputResponses</c>,
/// <c>requestState</c>), changed only where the upstream must see something else: the item's upstream name, a
/// progress token of the gateway's own, and the caller's capabilities and log level in <c>_meta</c> (SEP-2575), so
/// that an upstream on 2026-07-28 asks for the input this caller can give and logs at its level, whatever revision
/// the caller speaks.
/// </summary>
public static class UpstreamRequest
{
    /// <summary>How the SDK client words an error the upstream answered with; the caller gets the upstream's own words.</summary>
    private const string RemoteErrorPrefix = "Request failed (remote): ";

    /// <summary>What the SDK client sets itself on a 2026-07-28 session, and what must not leak from the caller on older ones.</summary>
    private static readonly string[] CallerOwnMeta = ["progressToken", McpMetaKeys.ProtocolVersion, McpMetaKeys.ClientInfo];

    /// <exception cref="InputRequiredException">The upstream needs input from the caller first (SEP-2322).</exception>
    /// <exception cref="McpProtocolException">The upstream's own error, code, message and data as it sent them.</exception>
    public static async Task<TResult> SendAsync<TResult>(
        UpstreamConnection connection,
        string method,
        JsonNode? callerParams,
        string? upstreamName,
        ClientCapabilities? callerCapabilities,
        LoggingLevel? logLevel,
        IProgress<ProgressNotificationValue>? progress,
        CancellationToken cancellationToken)
    {
        var progressToken = progress is null ? null : Guid.NewGuid().ToString("N");
        using var progressRoute = progress is null ? null : connection.Forwarding.RouteProgress(progressToken!, progress);
        JsonRpcResponse response;
        try
        {
            response = await connection.Client.SendRequestAsync(
                new JsonRpcRequest { Method = method, Params = Parameters(callerParams, upstreamName, callerCapabilities, logLevel, progressToken) },
                cancellationToken).ConfigureAwait(false);
        }
        catch (McpProtocolException ex) when (ex.Message.StartsWith(RemoteErrorPrefix, StringComparison.Ordinal))
        {
            throw AsTheUpstreamSentIt(ex);
        }

        if (ForwardingClientTransport.UnresolvedInput(response.Result) is { } inputRequired)
        {
            throw new InputRequiredException(inputRequired);
        }

        return response.Result?.Deserialize(McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(TResult))) is TResult result
            ? result
            : throw new McpProtocolException($"The upstream answered {method} without a result.", McpErrorCode.InternalError);
    }

    private static JsonObject Parameters(
        JsonNode? callerParams, string? upstreamName, ClientCapabilities? callerCapabilities, LoggingLevel? logLevel, string? progressToken)
    {
        var parameters = callerParams?.DeepClone() as JsonObject ?? [];
        if (upstreamName is not null)
        {
            parameters["name"] = upstreamName;
        }

        if (parameters["_meta"] is not JsonObject meta)
        {
            meta = [];
            parameters["_meta"] = meta;
        }

        foreach (var key in CallerOwnMeta)
        {
            meta.Remove(key);
        }

        if (callerCapabilities is not null)
        {
            meta[McpMetaKeys.ClientCapabilities] = JsonSerializer.SerializeToNode(callerCapabilities, McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(ClientCapabilities)));
        }

        if (logLevel is { } level)
        {
            meta[McpMetaKeys.LogLevel] = JsonSerializer.SerializeToNode(level, McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(LoggingLevel)));
        }

        if (progressToken is not null)
        {
            meta["progressToken"] = progressToken;
        }

        if (meta.Count == 0)
        {
            parameters.Remove("_meta");
        }

        return parameters;
    }

    private static McpProtocolException AsTheUpstreamSentIt(McpProtocolException relayed)
    {
        var error = new McpProtocolException(relayed.Message[RemoteErrorPrefix.Length..], relayed.ErrorCode);
        foreach (DictionaryEntry entry in relayed.Data)
        {
            error.Data[entry.Key] = entry.Value;
        }

        return error;
    }
}
