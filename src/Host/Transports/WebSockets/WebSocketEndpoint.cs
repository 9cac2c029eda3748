using McpGateway.Shared.Configuration;
using McpGateway.Shared.Http;
using McpGateway.Shared.Transports;
using McpGateway.Shared.Transports.StreamableHttp;
using Microsoft.Extensions.Options;
using RouteHandler = McpGateway.Shared.Http.RouteHandler; // not ASP.NET Core routing's

namespace McpGateway.Host.Transports.WebSockets;

/// <summary>
/// MCP over a WebSocket (container host only): <c>/ws</c> for the whole catalog, <c>/servers/{id}/ws</c> for a
/// virtual server. The subprotocol <c>mcp</c> is accepted when asked for; the server pings every
/// WEBSOCKET_PING_INTERVAL and drops a client that does not answer within another interval.
/// </summary>
public sealed class WebSocketEndpoint(
    McpConnectionServer connections,
    ConnectionAdmission admission,
    IOptions<ApiOptions> api,
    IOptions<TransportOptions> transports,
    IHostApplicationLifetime lifetime,
    ILoggerFactory loggers)
{
    public const string SubProtocol = "mcp";

    public static IEnumerable<GatewayRoute> Routes()
    {
        yield return new GatewayRoute("ws", "ws", Handlers(_ => null));
        yield return new GatewayRoute("servers-ws", "servers/{id}/ws", Handlers(request => request.RouteValue("id")));
    }

    public async Task<IResult> ConnectAsync(GatewayRequest request, string? serverRef)
    {
        var http = request.Http;
        if (!http.WebSockets.IsWebSocketRequest)
        {
            http.Response.Headers.Upgrade = "websocket";
            return JsonRpcErrors.Result(StatusCodes.Status426UpgradeRequired, JsonRpcErrors.ServerError, "Upgrade Required: connect with a WebSocket client (ws:// or wss://).");
        }

        var (admitted, refusal) = await admission.AdmitAsync(request, serverRef).ConfigureAwait(false);
        if (admitted is null)
        {
            return refusal!;
        }

        var interval = transports.Value.WebSocketPingInterval;
        using var socket = await http.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            SubProtocol = http.WebSockets.WebSocketRequestedProtocols.Contains(SubProtocol) ? SubProtocol : null,
            KeepAliveInterval = interval,
            KeepAliveTimeout = interval,
        }).ConfigureAwait(false);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(request.Aborted, lifetime.ApplicationStopping);
        await using var transport = new WebSocketServerTransport(socket, api.Value.MaxRequestBodySize, loggers);
        var headers = http.Request.Headers;
        var receiving = transport.ReceiveAsync(message => HttpMessageContext.Annotate(message, http.User, headers, version: null), stop.Token);
        await connections.RunAsync(transport, admitted, McpSessionStore.NewSessionId(), stop.Token).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        await receiving.ConfigureAwait(false);
        return Results.Empty;
    }

    private static Dictionary<string, RouteHandler> Handlers(Func<GatewayRequest, string?> serverRef) => new()
    {
        ["GET"] = request => request.Service<WebSocketEndpoint>().ConnectAsync(request, serverRef(request)),
    };
}
