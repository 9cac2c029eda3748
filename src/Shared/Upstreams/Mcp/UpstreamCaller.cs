using ModelContextProtocol.Protocol;

namespace McpGateway.Shared.Upstreams.Mcp;

/// <summary>The one caller an upstream session dedicated to a downstream session or to a forwarded call serves.</summary>
/// <param name="Revision">The caller's protocol revision: a session caller gets a session upstream too.</param>
/// <param name="Capabilities">
/// The caller's sampling, elicitation and roots capabilities, which the upstream sees as the gateway's; null when the
/// caller answers no requests (it only asked for log messages).
/// </param>
/// <param name="AskAsync">Puts the upstream's request (sampling, elicitation, roots) to the caller and returns its answer; null when the caller answers none.</param>
/// <param name="LogLevel">The level of log messages the caller asked for; none are relayed without one.</param>
/// <param name="Logs">Receives the upstream's log messages for the caller; null when it asked for none.</param>
public sealed record UpstreamCaller(
    string? Revision,
    ClientCapabilities? Capabilities,
    Func<InputRequest, CancellationToken, Task<InputResponse>>? AskAsync,
    LoggingLevel? LogLevel,
    IProgress<LoggingMessageNotificationParams>? Logs);
