using System.Text.Json;
using System.Text.Json.Nodes;
using McpGateway.Shared.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpGateway.Shared.Transports.StreamableHttp;

/// <summary>
/// Runs JSON-RPC messages through the MCP SDK's server core, a fresh one per HTTP request: state lives in
/// storage (sessions) or in the request itself (2026-07-28), so any instance can serve any request.
/// </summary>
public sealed class McpRequestServer(McpServerFactory factory, McpSessionStore sessions, InFlightRequests inFlight, TimeProvider time, ILoggerFactory loggers)
{
    /// <summary>Who owns in-flight requests for cancellation: the session, or (stateless) the caller.</summary>
    public static string Owner(HttpContext context, McpSession? session) => session?.Id ?? "user:" + context.User.Identity?.Name;

    /// <summary>
    /// Serves one message, writing the server core's SSE output to <paramref name="output"/>.
    /// <paramref name="newSessionId"/> is set for an initialize that opens a session.
    /// </summary>
    /// <returns>False when the message needed no response (a notification or a client's response).</returns>
    public async Task<bool> ServeAsync(
        HttpContext context,
        CatalogScope scope,
        McpSession? session,
        JsonRpcMessage message,
        Stream output,
        string? newSessionId = null,
        Func<JsonRpcMessage?, ValueTask>? onResponseStarting = null)
    {
        if (message is JsonRpcNotification { Method: NotificationMethods.CancelledNotification } cancelled)
        {
            CancelInFlight(context, session, cancelled);
            return false;
        }

        if (message is JsonRpcResponse or JsonRpcError && session is not null)
        {
            // The client's answer to a request a server core serving this session sent it (sampling, elicitation, roots).
            foreach (var serving in inFlight.TransportsOf(Owner(context, session)))
            {
                await serving.HandlePostRequestAsync(message, Stream.Null, context.RequestAborted).ConfigureAwait(false);
            }

            return false;
        }

        var transport = new StreamableHttpServerTransport(loggers)
        {
            Stateless = session is null && newSessionId is null,
            SessionId = session?.Id ?? newSessionId,
            OnSessionInitialized = newSessionId is null ? null : (initialize, cancellationToken) => new ValueTask(
                sessions.SaveAsync(new McpSession(newSessionId, scope.ServerId, context.User.Identity?.Name ?? string.Empty, initialize, time.GetUtcNow()), cancellationToken)),
        };
        if (session is not null)
        {
            await transport.HandleInitializeRequestAsync(session.Initialize).ConfigureAwait(false);
        }

        var options = factory.CreateOptions(scope, transport.SessionId, session);
        var server = McpServer.Create(transport, options, loggers, context.RequestServices);
        using var stopServer = new CancellationTokenSource();
        var running = server.RunAsync(stopServer.Token);
        try
        {
            using var registration = message is JsonRpcRequest request
                ? inFlight.Register(Owner(context, session), request.Id.ToString(), transport, context.RequestAborted)
                : null;
            return await transport.HandlePostRequestAsync(message, output, onResponseStarting, registration?.Token ?? context.RequestAborted)
                .ConfigureAwait(false);
        }
        finally
        {
            await transport.DisposeAsync().ConfigureAwait(false);
            await stopServer.CancelAsync().ConfigureAwait(false);
            try
            {
                await running.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The server core stops when its transport closes; that is the normal end of a request.
            }

            await server.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Serves one request statelessly and returns its JSON-RPC response (result or error) as JSON.</summary>
    public async Task<JsonNode> CallAsync(HttpContext context, CatalogScope scope, JsonRpcRequest request)
    {
        using var output = new MemoryStream();
        await ServeAsync(context, scope, session: null, request, output).ConfigureAwait(false);
        return SseResponse.Messages(output.ToArray()).LastOrDefault(m => m["id"] is not null)
            ?? JsonSerializer.SerializeToNode(JsonRpcErrors.Create(JsonRpcErrors.InternalError, "The server produced no response.", request.Id), McpJsonUtilities.DefaultOptions)!;
    }

    private void CancelInFlight(HttpContext context, McpSession? session, JsonRpcNotification cancelled)
    {
        if (cancelled.Params?["requestId"] is { } requestId)
        {
            inFlight.Cancel(Owner(context, session), requestId.ToJsonString().Trim('"'));
        }
    }
}
