namespace McpGateway.Shared.Protocol;

/// <summary>The MCP revisions the gateway speaks and the rules that differ between them.</summary>
public static class ProtocolRevisions
{
    public const string November2024 = "2024-11-05";
    public const string March2025 = "2025-03-26";
    public const string June2025 = "2025-06-18";
    public const string November2025 = "2025-11-25";
    public const string July2026 = "2026-07-28";

    public static IReadOnlyList<string> All { get; } = [November2024, March2025, June2025, November2025, July2026];

    /// <summary>Revisions that begin with an initialize handshake and keep an Mcp-Session-Id.</summary>
    public static IReadOnlyList<string> WithSessions { get; } = [November2024, March2025, June2025, November2025];

    /// <summary>Revisions whose requests stand alone, with the client's facts in <c>_meta</c> (what server/discover lists).</summary>
    public static IReadOnlyList<string> Stateless { get; } = [July2026];

    public static bool IsSupported(string? revision) => revision is not null && All.Contains(revision, StringComparer.Ordinal);

    /// <summary>From 2026-07-28 (SEP-2567/SEP-2575) every request stands alone: no initialize, no session, client facts in _meta.</summary>
    public static bool IsStateless(string? revision) => revision is not null && string.CompareOrdinal(revision, July2026) >= 0;

    /// <summary>From 2025-11-25 (SEP-1303) invalid tool arguments are a tool result with isError, not a -32602 error.</summary>
    public static bool ReportsArgumentErrorsInResult(string? revision) => revision is not null && string.CompareOrdinal(revision, November2025) >= 0;

    /// <summary>JSON-RPC batches exist only in 2025-03-26 (added there, removed in 2025-06-18).</summary>
    public static bool AllowsBatches(string? revision) => revision == March2025;

    /// <summary>Methods the stateless revision removed; a request for one answers -32601 (404 over HTTP).</summary>
    public static bool IsRemovedInStateless(string method) =>
        method is "initialize" or "ping" or "logging/setLevel" or "resources/subscribe" or "resources/unsubscribe";
}
