using System.ComponentModel.DataAnnotations;

namespace McpGateway.Host.Transports;

/// <summary>
/// Which long-lived MCP transports the container host offers besides Streamable HTTP (ContextForge's
/// TRANSPORT_TYPE), and how WebSocket connections are kept alive.
/// </summary>
public sealed class TransportOptions
{
    public const string WebSocket = "ws";
    public const string Sse = "sse";
    public const string Stdio = "stdio";
    public const string All = "all";

    /// <summary>
    /// <c>http</c>: the REST API, <c>/mcp</c> and <c>/rpc</c> only; <c>sse</c> adds the legacy SSE transport,
    /// <c>ws</c> the WebSocket one, <c>all</c> both; <c>stdio</c> serves the catalog on stdin/stdout instead of HTTP.
    /// </summary>
    [ConfigurationKeyName("TRANSPORT_TYPE")]
    [RegularExpression("^(?i)(http|ws|sse|stdio|all)$", ErrorMessage = "TRANSPORT_TYPE must be one of http, ws, sse, stdio, all.")]
    public string TransportType { get; set; } = All;

    [ConfigurationKeyName("WEBSOCKET_PING_INTERVAL")]
    [Range(1, 86400, ErrorMessage = "WEBSOCKET_PING_INTERVAL must be between {1} and {2} seconds.")]
    public int WebSocketPingIntervalSeconds { get; set; } = 30;

    public bool ServesSse => Is(Sse) || Is(All);

    public bool ServesWebSocket => Is(WebSocket) || Is(All);

    public bool ServesStdioOnly => Is(Stdio);

    public TimeSpan WebSocketPingInterval => TimeSpan.FromSeconds(WebSocketPingIntervalSeconds);

    private bool Is(string type) => string.Equals(TransportType, type, StringComparison.OrdinalIgnoreCase);
}
