using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpGateway.Shared.Upstreams.Mcp;

/// <summary>The one caller an upstream session dedicated to a forwarded call serves.</summary>
/// <param name="Server">The caller's server core: a session caller is asked the upstream's requests through it.</param>
/// <param name="LogLevel">The level of log messages the caller asked for; none are relayed without one.</param>
/// <param name="Logs">Receives the upstream's log messages for the caller.</param>
public sealed record UpstreamCaller(McpServer Server, LoggingLevel? LogLevel, IProgress<LoggingMessageNotificationParams> Logs);
