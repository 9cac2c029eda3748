using ModelContextProtocol.Protocol;

namespace McpGateway.Shared.Transports.StreamableHttp;

/// <summary>
/// A session of a pre-2026 client, as kept in Table storage so that any instance can serve its next
/// request: what the client said at initialize, who it is, and which endpoint it talks to.
/// </summary>
/// <param name="ServerId">The virtual server of <c>/servers/{id}/mcp</c>, or null for <c>/mcp</c>.</param>
/// <param name="User">The authenticated caller that opened the session; no one else may use it.</param>
/// <param name="LogLevel">The level the client set with logging/setLevel, at which upstream log messages reach it.</param>
public sealed record McpSession(
    string Id, string? ServerId, string User, InitializeRequestParams Initialize, DateTimeOffset CreatedAt, LoggingLevel? LogLevel = null);
