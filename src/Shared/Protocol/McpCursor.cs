using McpGateway.Shared.Http;
using ModelContextProtocol;

namespace McpGateway.Shared.Protocol;

/// <summary>
/// Opaque cursors for MCP list results (<see cref="KeysetPage"/>), a page of 100 items.
/// </summary>
public static class McpCursor
{
    public const int PageSize = 100;

    /// <summary>The page after <paramref name="cursor"/> of <paramref name="ordered"/> (sorted by <paramref name="key"/>), and the next cursor.</summary>
    public static (IReadOnlyList<T> Page, string? NextCursor) Page<T>(IReadOnlyList<T> ordered, Func<T, string> key, string? cursor) =>
        KeysetPage.Take(ordered, key, cursor, PageSize, InvalidCursor);

    /// <summary>The page after <paramref name="cursor"/> of a source that starts after a key by itself (see <see cref="KeysetPage"/>).</summary>
    public static (IReadOnlyList<T> Page, string? NextCursor) Page<T>(Func<string?, IEnumerable<T>> after, Func<T, string> key, string? cursor) =>
        KeysetPage.Take(after, key, cursor, PageSize, InvalidCursor);

    private static McpProtocolException InvalidCursor() => new("The cursor is not one this server returned.", McpErrorCode.InvalidParams);
}
