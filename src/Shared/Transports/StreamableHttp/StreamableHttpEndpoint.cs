using System.Text.Json.Nodes;
using McpGateway.Shared.Configuration;
using McpGateway.Shared.Http;
using McpGateway.Shared.Notifications;
using McpGateway.Shared.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpGateway.Shared.Transports.StreamableHttp;

/// <summary>
/// The Streamable HTTP transport of <c>/mcp</c> and <c>/servers/{id}/mcp</c>. A 2026-07-28 request is served
/// statelessly; older revisions open a session at initialize whose state is kept in storage, so each request
/// may land on any instance. What the SDK leaves to the HTTP host (header rules, sessions, 405s, batches) is here.
/// </summary>
public sealed class StreamableHttpEndpoint(
    McpRequestServer server,
    RestToolShortcut restTools,
    McpCatalog catalog,
    McpSessionStore sessions,
    IOptions<ApiOptions> api,
    EventStreamResponder streams,
    SessionNotifications notifications,
    StorageOutageResponder storageOutage)
{
    public static IEnumerable<GatewayRoute> Routes()
    {
        yield return new GatewayRoute("mcp", "mcp", Handlers(_ => null));
        yield return new GatewayRoute("servers-mcp", "servers/{id}/mcp", Handlers(request => request.RouteValue("id")));
    }

    public async Task<IResult> PostAsync(GatewayRequest request, string? serverRef)
    {
        var http = request.Http;
        if (!Accepts(http.Request, "application/json") || !Accepts(http.Request, "text/event-stream"))
        {
            return JsonRpcErrors.Result(StatusCodes.Status406NotAcceptable, JsonRpcErrors.ServerError, "Not Acceptable: the client must accept both application/json and text/event-stream.");
        }

        var body = await BoundedRead.ReadAllAsync(http.Request.Body, api.Value.MaxRequestBodySize, request.Aborted, http.Request.ContentLength).ConfigureAwait(false);
        if (body is null)
        {
            return JsonRpcErrors.Result(StatusCodes.Status413PayloadTooLarge, JsonRpcErrors.InvalidRequest, $"The request body is larger than MAX_REQUEST_BODY_SIZE ({api.Value.MaxRequestBodySize} bytes).");
        }

        var json = JsonRpcMessageReader.ParseJson(body, out var parseError);
        if (json is null)
        {
            return Error(StatusCodes.Status400BadRequest, parseError!);
        }

        // Checked once the body is read, so that the error answers the request by its id.
        var id = JsonRpcMessageReader.IdOf(json is JsonArray { Count: > 0 } batch ? batch[0] : json);
        if (RefuseVersion(http.Request, id) is { } unsupported)
        {
            return unsupported;
        }

        return await storageOutage.ServeAsync(http, id, () => ServeInScopeAsync(request, serverRef, json)).ConfigureAwait(false);
    }

    public async Task<IResult> GetAsync(GatewayRequest request, string? serverRef)
    {
        var http = request.Http;
        if (RefuseVersion(http.Request, default) is { } rejected)
        {
            return rejected;
        }

        if (!Accepts(http.Request, "text/event-stream"))
        {
            return JsonRpcErrors.Result(StatusCodes.Status406NotAcceptable, JsonRpcErrors.ServerError, "Not Acceptable: the client must accept text/event-stream.");
        }

        return await storageOutage.ServeAsync(http, default, () => StreamAsync(request, serverRef)).ConfigureAwait(false);
    }

    public async Task<IResult> DeleteAsync(GatewayRequest request)
    {
        var http = request.Http;
        if (RefuseVersion(http.Request, default) is { } rejected)
        {
            return rejected;
        }

        return await storageOutage.ServeAsync(http, default, () => EndSessionAsync(request)).ConfigureAwait(false);
    }

    private async Task<IResult> ServeInScopeAsync(GatewayRequest request, string? serverRef, JsonNode json)
    {
        var scope = await catalog.ScopeAsync(serverRef, request.Aborted).ConfigureAwait(false);
        if (scope is null)
        {
            return JsonRpcErrors.UnknownServer(serverRef!);
        }

        var version = request.Http.Request.Headers[McpHeaders.ProtocolVersion].ToString();
        return ProtocolRevisions.IsStateless(version)
            ? await ServeStatelessAsync(request.Http, scope, json, version).ConfigureAwait(false)
            : await ServeSessionAsync(request.Http, scope, json).ConfigureAwait(false);
    }

    private async Task<IResult> StreamAsync(GatewayRequest request, string? serverRef)
    {
        var http = request.Http;
        var (session, failure) = await SessionAsync(http, default).ConfigureAwait(false);
        if (session is null)
        {
            return failure!;
        }

        var scope = await catalog.ScopeAsync(serverRef, request.Aborted).ConfigureAwait(false);
        if (scope is null || scope.ServerId != session.ServerId)
        {
            return UnknownSession(default);
        }

        if (!EventStreamResponder.TryReadLastEventId(http.Request, out var lastEventId))
        {
            return JsonRpcErrors.Result(StatusCodes.Status400BadRequest, JsonRpcErrors.ServerError, $"Bad Request: {EventStreamResponder.LastEventIdHeader} is not an event id of this stream.");
        }

        http.Response.Headers[McpHeaders.SessionId] = session.Id;
        await streams.StreamAsync(http, lastEventId, SessionNotifications.Concerns, notifications.For(session)).ConfigureAwait(false);
        return Results.Empty;
    }

    private async Task<IResult> EndSessionAsync(GatewayRequest request)
    {
        var (session, failure) = await SessionAsync(request.Http, default).ConfigureAwait(false);
        if (session is null)
        {
            return failure!;
        }

        await sessions.DeleteAsync(session.Id, request.Aborted).ConfigureAwait(false);
        return Results.Ok();
    }

    private async Task<IResult> ServeStatelessAsync(HttpContext http, CatalogScope scope, JsonNode json, string version)
    {
        if (json is JsonArray)
        {
            return JsonRpcErrors.Result(StatusCodes.Status400BadRequest, JsonRpcErrors.InvalidRequest, $"Invalid Request: protocol version {version} has no JSON-RPC batches.");
        }

        var message = JsonRpcMessageReader.ReadMessage(json, out var invalid);
        if (message is null)
        {
            return Error(StatusCodes.Status400BadRequest, invalid!);
        }

        if (StatelessRequestRules.Check(http.Request, message, version) is { } broken)
        {
            return Error(broken.Status, broken.Error);
        }

        Annotate(message, http, version);
        if (message is JsonRpcRequest { Method: RequestMethods.ToolsCall, Params: JsonObject call } toolCall
            && call["name"] is JsonValue name && name.TryGetValue<string>(out var toolName)
            && await catalog.FindToolAsync(scope, toolName, http.RequestAborted).ConfigureAwait(false) is { } tool)
        {
            if (ParamHeaderRules.Check(http.Request, tool.InputSchema, call["arguments"] as JsonObject) is { } mismatch)
            {
                return Error(StatusCodes.Status400BadRequest, JsonRpcErrors.Create((int)McpErrorCode.HeaderMismatch, mismatch, toolCall.Id));
            }

            if (RestToolShortcut.Accepts(tool, call) is { } parameters)
            {
                return await restTools.ServeAsync(http, scope, toolCall, parameters, tool, version).ConfigureAwait(false);
            }

            HttpMessageContext.RememberTool(toolCall, tool);
        }

        await using var body = new StatelessResponseBody(http);
        var responded = await server.ServeAsync(http, scope, session: null, message, body, onResponseStarting: first =>
        {
            if (first is JsonRpcError error && !http.Response.HasStarted && StatelessRequestRules.StatusFor(error) is { } status)
            {
                http.Response.StatusCode = status;
            }

            body.Starting(first);
            return storageOutage.MarkIfUnavailable(http.Response, first);
        }).ConfigureAwait(false);
        if (!responded)
        {
            return Accepted(http);
        }

        await body.CompleteAsync(http.RequestAborted).ConfigureAwait(false);
        return Results.Empty;
    }

    private async Task<IResult> ServeSessionAsync(HttpContext http, CatalogScope scope, JsonNode json)
    {
        var first = json is JsonArray { Count: > 0 } batch ? batch[0] : json;
        if (string.IsNullOrEmpty(http.Request.Headers[McpHeaders.SessionId]))
        {
            var initialize = ReadSessionMessage(json, out var invalid);
            if (initialize is null)
            {
                return Error(StatusCodes.Status400BadRequest, invalid!);
            }

            if (initialize is not JsonRpcRequest { Method: RequestMethods.Initialize })
            {
                return JsonRpcErrors.Result(
                    StatusCodes.Status400BadRequest, JsonRpcErrors.ServerError,
                    $"Bad Request: send initialize first, then the {McpHeaders.SessionId} it returns with every request (or use protocol version {ProtocolRevisions.July2026}, which needs no session).",
                    (initialize as JsonRpcMessageWithId)?.Id ?? default);
            }

            var sessionId = McpSessionStore.NewSessionId();
            http.Response.Headers[McpHeaders.SessionId] = sessionId;
            Annotate(initialize, http, version: null);
            SseResponse.Prepare(http);
            await server.ServeAsync(http, scope, session: null, initialize, http.Response.Body, newSessionId: sessionId).ConfigureAwait(false);
            return Results.Empty;
        }

        var (session, failure) = await SessionAsync(http, JsonRpcMessageReader.IdOf(first)).ConfigureAwait(false);
        if (session is null)
        {
            return failure!;
        }

        if (session.ServerId != scope.ServerId)
        {
            return UnknownSession(default);
        }

        http.Response.Headers[McpHeaders.SessionId] = session.Id;
        if (json is JsonArray messages)
        {
            return await ServeBatchAsync(http, scope, session, messages).ConfigureAwait(false);
        }

        var message = ReadSessionMessage(json, out var error);
        if (message is null)
        {
            return Error(StatusCodes.Status400BadRequest, error!);
        }

        Annotate(message, http, session.Initialize.ProtocolVersion);
        SseResponse.Prepare(http);
        var responded = await server.ServeAsync(http, scope, session, message, http.Response.Body, onResponseStarting: first => storageOutage.MarkIfUnavailable(http.Response, first))
            .ConfigureAwait(false);
        return responded ? Results.Empty : Accepted(http);
    }

    /// <summary>A 2025-03-26 batch: each message served in turn, the responses returned together as a JSON array.</summary>
    private async Task<IResult> ServeBatchAsync(HttpContext http, CatalogScope scope, McpSession session, JsonArray messages)
    {
        if (!ProtocolRevisions.AllowsBatches(session.Initialize.ProtocolVersion))
        {
            return JsonRpcErrors.Result(
                StatusCodes.Status400BadRequest, JsonRpcErrors.InvalidRequest,
                $"Invalid Request: JSON-RPC batches exist only in protocol version {ProtocolRevisions.March2025}; this session uses {session.Initialize.ProtocolVersion}.");
        }

        if (messages.Count == 0)
        {
            return JsonRpcErrors.Result(StatusCodes.Status400BadRequest, JsonRpcErrors.InvalidRequest, "Invalid Request: the batch is empty.");
        }

        var responses = new JsonArray();
        foreach (var node in messages)
        {
            var message = ReadSessionMessage(node, out var invalid);
            if (message is null)
            {
                responses.Add(System.Text.Json.JsonSerializer.SerializeToNode(invalid, McpJsonUtilities.DefaultOptions));
                continue;
            }

            Annotate(message, http, session.Initialize.ProtocolVersion);
            using var output = new MemoryStream();
            if (await server.ServeAsync(http, scope, session, message, output).ConfigureAwait(false))
            {
                foreach (var written in SseResponse.Messages(output.ToArray()).Where(m => m["id"] is not null && (m["result"] is not null || m["error"] is not null)))
                {
                    storageOutage.MarkIfUnavailable(http.Response, written);
                    responses.Add(written);
                }
            }
        }

        return responses.Count == 0 ? Accepted(http) : Results.Json(responses, McpJsonUtilities.DefaultOptions);
    }

    /// <summary>A message of a revision with sessions, where initialize exists and must carry its params.</summary>
    private static JsonRpcMessage? ReadSessionMessage(JsonNode? node, out JsonRpcError? error)
    {
        var message = JsonRpcMessageReader.ReadMessage(node, out error);
        error ??= message is null ? null : JsonRpcMessageReader.InvalidInitializeParams(message);
        return error is null ? message : null;
    }

    private static IResult? RefuseVersion(HttpRequest request, RequestId id)
    {
        var version = request.Headers[McpHeaders.ProtocolVersion].ToString();
        if (version.Length > 0 && !ProtocolRevisions.IsSupported(version))
        {
            // The versions the client can retry this request with: a session's revisions, or (without a session)
            // the stateless ones, which are also what server/discover lists.
            return JsonRpcErrors.UnsupportedVersion(
                version,
                string.IsNullOrEmpty(request.Headers[McpHeaders.SessionId]) ? ProtocolRevisions.Stateless : ProtocolRevisions.WithSessions,
                id);
        }

        if (ProtocolRevisions.IsStateless(version) && request.Method != HttpMethods.Post)
        {
            request.HttpContext.Response.Headers.Allow = HttpMethods.Post;
            return JsonRpcErrors.Result(StatusCodes.Status405MethodNotAllowed, JsonRpcErrors.ServerError, $"Method Not Allowed: protocol version {version} uses POST only; there is no session to stream or end.");
        }

        return null;
    }

    private async Task<(McpSession? Session, IResult? Failure)> SessionAsync(HttpContext http, RequestId id)
    {
        var sessionId = http.Request.Headers[McpHeaders.SessionId].ToString();
        if (sessionId.Length == 0)
        {
            return (null, JsonRpcErrors.Result(StatusCodes.Status400BadRequest, JsonRpcErrors.ServerError, $"Bad Request: the {McpHeaders.SessionId} header is required.", id));
        }

        var session = await sessions.FindAsync(sessionId, http.RequestAborted).ConfigureAwait(false);
        if (session is null)
        {
            return (null, UnknownSession(id));
        }

        return session.User == http.User.Identity?.Name
            ? (session, null)
            : (null, JsonRpcErrors.Result(StatusCodes.Status403Forbidden, JsonRpcErrors.ServerError, "Forbidden: the session belongs to another user.", id));
    }

    private static void Annotate(JsonRpcMessage message, HttpContext http, string? version) =>
        HttpMessageContext.Annotate(message, http.User, http.Request.Headers, version);

    private static bool Accepts(HttpRequest request, string mediaType) =>
        request.GetTypedHeaders().Accept.Any(accept => accept.MatchesMediaType(mediaType) || accept.MediaType == "*/*");

    private static IResult Accepted(HttpContext http)
    {
        http.Response.ContentType = null;
        return Results.StatusCode(StatusCodes.Status202Accepted);
    }

    private static IResult Error(int status, JsonRpcError error) => Results.Json(error, McpJsonUtilities.DefaultOptions, statusCode: status);

    private static IResult UnknownSession(RequestId id) =>
        JsonRpcErrors.Result(StatusCodes.Status404NotFound, JsonRpcErrors.SessionNotFound, "Session not found: initialize again to open a new session.", id);

    private static Dictionary<string, RouteHandler> Handlers(Func<GatewayRequest, string?> serverRef) => new()
    {
        ["POST"] = request => request.Service<StreamableHttpEndpoint>().PostAsync(request, serverRef(request)),
        ["GET"] = request => request.Service<StreamableHttpEndpoint>().GetAsync(request, serverRef(request)),
        ["DELETE"] = request => request.Service<StreamableHttpEndpoint>().DeleteAsync(request),
    };
}
