using System.Collections.Concurrent;
using McpGateway.Shared.Configuration;
using McpGateway.Shared.Http;
using McpGateway.Shared.Transports;
using McpGateway.Shared.Transports.StreamableHttp;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Server;
using RouteHandler = McpGateway.Shared.Http.RouteHandler; // not ASP.NET Core routing's

namespace McpGateway.Host.Transports.LegacySse;

/// <summary>
/// The HTTP+SSE transport of MCP 2024-11-05 (container host only): <c>GET /sse</c> opens a stream whose first event,
/// <c>endpoint</c>, names the URL (<c>/message?session_id=...</c>) where the client POSTs its messages; each POST is
/// accepted with 202 and answered on the stream. The stream is the session, so it lives in this process.
/// </summary>
public sealed class LegacySseEndpoint(
    McpConnectionServer connections,
    ConnectionAdmission admission,
    IOptions<ApiOptions> api,
    IHostApplicationLifetime lifetime)
{
    public const string SessionIdParameter = "session_id";

    private readonly ConcurrentDictionary<string, OpenStream> streams = new(StringComparer.Ordinal);

    public static IEnumerable<GatewayRoute> Routes()
    {
        yield return new GatewayRoute("sse", "sse", Handlers(_ => null, open: true));
        yield return new GatewayRoute("message", "message", Handlers(_ => null, open: false));
        yield return new GatewayRoute("servers-sse", "servers/{id}/sse", Handlers(request => request.RouteValue("id"), open: true));
        yield return new GatewayRoute("servers-message", "servers/{id}/message", Handlers(request => request.RouteValue("id"), open: false));
    }

    /// <summary>Opens the stream and serves the session on it until the client disconnects or the host stops.</summary>
    public async Task<IResult> OpenAsync(GatewayRequest request, string? serverRef)
    {
        var http = request.Http;
        var (admitted, refusal) = await admission.AdmitAsync(request, serverRef).ConfigureAwait(false);
        if (admitted is null)
        {
            return refusal!;
        }

        var sessionId = McpSessionStore.NewSessionId();
        SseResponse.Prepare(http);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(request.Aborted, lifetime.ApplicationStopping);
        var transport = new SseResponseStreamTransport(http.Response.Body, MessageUrl(http, serverRef, sessionId), sessionId);
        streams[sessionId] = new OpenStream(transport, serverRef, http.User.Identity?.Name);
        var writing = transport.RunAsync(stop.Token);
        try
        {
            await connections.RunAsync(transport, admitted, sessionId, stop.Token).ConfigureAwait(false);
        }
        finally
        {
            streams.TryRemove(sessionId, out _);
            await transport.DisposeAsync().ConfigureAwait(false); // ends the write loop
            try
            {
                await writing.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The stream ends when the client goes away.
            }
        }

        return Results.Empty;
    }

    /// <summary>Takes one client message for an open stream; its answer goes out on that stream.</summary>
    public async Task<IResult> PostAsync(GatewayRequest request, string? serverRef)
    {
        var http = request.Http;
        var sessionId = request.Query(SessionIdParameter);
        if (string.IsNullOrEmpty(sessionId))
        {
            return JsonRpcErrors.Result(
                StatusCodes.Status400BadRequest, JsonRpcErrors.ServerError,
                $"Bad Request: the {SessionIdParameter} query parameter is required; POST to the URL of the stream's endpoint event.");
        }

        if (!streams.TryGetValue(sessionId, out var stream) || stream.ServerRef != serverRef)
        {
            return UnknownSession();
        }

        if (stream.User != http.User.Identity?.Name)
        {
            return JsonRpcErrors.Result(StatusCodes.Status403Forbidden, JsonRpcErrors.ServerError, "Forbidden: the session belongs to another user.");
        }

        var body = await BoundedRead.ReadAllAsync(http.Request.Body, api.Value.MaxRequestBodySize, request.Aborted).ConfigureAwait(false);
        if (body is null)
        {
            return JsonRpcErrors.Result(StatusCodes.Status413PayloadTooLarge, JsonRpcErrors.InvalidRequest, $"The request body is larger than MAX_REQUEST_BODY_SIZE ({api.Value.MaxRequestBodySize} bytes).");
        }

        var message = JsonRpcMessageReader.ReadMessage(JsonRpcMessageReader.ParseJson(body, out var parseError), out var invalid);
        if (message is null)
        {
            return Results.Json(parseError ?? invalid, McpJsonUtilities.DefaultOptions, statusCode: StatusCodes.Status400BadRequest);
        }

        HttpMessageContext.Annotate(message, http.User, HttpMessageContext.Snapshot(http.Request.Headers), version: null);
        try
        {
            await stream.Transport.OnMessageReceivedAsync(message, request.Aborted).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            return UnknownSession(); // the stream closed while this message was read
        }

        return Results.Text("Accepted", statusCode: StatusCodes.Status202Accepted);
    }

    private static IResult UnknownSession() =>
        JsonRpcErrors.Result(
            StatusCodes.Status404NotFound, JsonRpcErrors.SessionNotFound,
            "Session not found: the stream has closed (or is held by another instance); open a new one with GET on the sse endpoint.");

    /// <summary>The message URL the endpoint event announces, relative to the host (with APP_ROOT_PATH) as ContextForge sends it.</summary>
    private static string MessageUrl(HttpContext http, string? serverRef, string sessionId)
    {
        var path = serverRef is null ? "/message" : $"/servers/{Uri.EscapeDataString(serverRef)}/message";
        return $"{http.Request.PathBase}{path}?{SessionIdParameter}={sessionId}";
    }

    private static Dictionary<string, RouteHandler> Handlers(Func<GatewayRequest, string?> serverRef, bool open) => open
        ? new() { ["GET"] = request => request.Service<LegacySseEndpoint>().OpenAsync(request, serverRef(request)) }
        : new() { ["POST"] = request => request.Service<LegacySseEndpoint>().PostAsync(request, serverRef(request)) };

    /// <summary>A stream this instance holds, the virtual server its URL named, and whose it is.</summary>
    private sealed record OpenStream(SseResponseStreamTransport Transport, string? ServerRef, string? User);
}
