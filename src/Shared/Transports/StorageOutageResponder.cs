using System.Globalization;
using System.Text.Json.Nodes;
using McpGateway.Shared.Configuration;
using McpGateway.Shared.Http;
using McpGateway.Shared.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpGateway.Shared.Transports;

/// <summary>
/// How every MCP surface answers a storage outage, whatever the method and wherever it met the outage (before the
/// server core, or inside a handler): HTTP 503 with Retry-After, and the JSON-RPC error
/// <see cref="JsonRpcErrors.StorageUnavailable"/> for the request's id, whose data is <c>{"retryAfter": seconds}</c>.
/// </summary>
public sealed class StorageOutageResponder(IOptions<StorageOptions> storage, ILogger<StorageOutageResponder> logger)
{
    private const string RetryAfterData = "retryAfter";

    private int RetryAfterSeconds => storage.Value.RetryAfterSeconds;

    private string Message => ApiProblem.StorageUnavailable(RetryAfterSeconds).Message;

    /// <summary>Serves a request, answering an outage met before the response started with the storage-unavailable error.</summary>
    public async Task<IResult> ServeAsync(HttpContext http, RequestId id, Func<Task<IResult>> serve)
    {
        try
        {
            return await serve().ConfigureAwait(false);
        }
        catch (StorageUnavailableException outage) when (!http.Response.HasStarted)
        {
            Log(outage, http.Request.Path);
            MarkUnavailable(http.Response);
            return JsonRpcErrors.Result(
                StatusCodes.Status503ServiceUnavailable, JsonRpcErrors.StorageUnavailable, Message, id, new JsonObject { [RetryAfterData] = RetryAfterSeconds });
        }
    }

    /// <summary>
    /// Wraps the server core's handling of each message: its handlers' exceptions would become -32603 "An error
    /// occurred."; an outage becomes the storage-unavailable error instead.
    /// </summary>
    public McpMessageHandler Filter(McpMessageHandler next) => async (context, cancellationToken) =>
    {
        try
        {
            await next(context, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageUnavailableException outage)
        {
            Log(outage, (context.JsonRpcMessage as JsonRpcRequest)?.Method);
            throw new McpProtocolException(Message, (McpErrorCode)JsonRpcErrors.StorageUnavailable) { Data = { [RetryAfterData] = RetryAfterSeconds } };
        }
    };

    /// <summary>Makes a response that carries the storage-unavailable error (as its first message) a 503 with Retry-After.</summary>
    public ValueTask MarkIfUnavailable(HttpResponse response, JsonRpcMessage? first)
    {
        if (first is JsonRpcError { Error.Code: JsonRpcErrors.StorageUnavailable })
        {
            MarkUnavailable(response);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc cref="MarkIfUnavailable(HttpResponse, JsonRpcMessage?)"/>
    public void MarkIfUnavailable(HttpResponse response, JsonNode? message)
    {
        if (IsUnavailable(message))
        {
            MarkUnavailable(response);
        }
    }

    /// <summary>Whether a JSON-RPC message the server core wrote is the storage-unavailable error.</summary>
    public static bool IsUnavailable(JsonNode? message) =>
        message?["error"]?["code"] is JsonValue code && code.TryGetValue<int>(out var value) && value == JsonRpcErrors.StorageUnavailable;

    private void MarkUnavailable(HttpResponse response)
    {
        if (!response.HasStarted)
        {
            response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }
    }

    private void Log(StorageUnavailableException outage, string? serving) =>
        logger.LogWarning(outage, "Catalog storage unavailable while serving {Request}", serving);
}
