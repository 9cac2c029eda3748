using System.Buffers.Text;
using System.Text;
using ModelContextProtocol;

namespace McpGateway.Shared.Protocol;

/// <summary>
/// Opaque cursors for MCP list results: a cursor names the last key of the previous page, so pages stay
/// correct when items are added or removed in between, on any instance.
/// </summary>
public static class McpCursor
{
    public const int PageSize = 100;

    /// <summary>The page after <paramref name="cursor"/> of <paramref name="ordered"/> (sorted by <paramref name="key"/>), and the next cursor.</summary>
    public static (IReadOnlyList<T> Page, string? NextCursor) Page<T>(IReadOnlyList<T> ordered, Func<T, string> key, string? cursor)
    {
        var after = Decode(cursor);
        var remaining = after is null ? ordered : ordered.Where(item => string.CompareOrdinal(key(item), after) > 0).ToList();
        var page = remaining.Take(PageSize).ToList();
        return (page, remaining.Count > PageSize ? Base64Url.EncodeToString(Encoding.UTF8.GetBytes(key(page[^1]))) : null);
    }

    private static string? Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            throw new McpProtocolException("The cursor is not one this server returned.", McpErrorCode.InvalidParams);
        }
    }
}
