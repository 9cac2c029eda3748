using System.Buffers.Text;
using System.Text;

namespace McpGateway.Shared.Http;

/// <summary>
/// Keyset pagination over a list in a stable order, shared by the REST lists and the MCP lists: a cursor is the
/// opaque (base64url) key of the previous page's last item, so pages stay right when items come and go between calls.
/// </summary>
public static class KeysetPage
{
    /// <param name="ordered">The whole list, sorted by <paramref name="key"/>.</param>
    /// <param name="key">A key that increases along <paramref name="ordered"/> and identifies an item.</param>
    /// <param name="invalidCursor">The error for a cursor this service did not issue, in the caller's protocol.</param>
    public static (IReadOnlyList<T> Page, string? NextCursor) Take<T>(
        IReadOnlyList<T> ordered, Func<T, string> key, string? cursor, int size, Func<Exception> invalidCursor)
    {
        var after = Decode(cursor, invalidCursor);
        var remaining = after is null ? ordered : ordered.Where(item => string.CompareOrdinal(key(item), after) > 0).ToList();
        var page = remaining.Take(size).ToList();
        return (page, remaining.Count > size ? Base64Url.EncodeToString(Encoding.UTF8.GetBytes(key(page[^1]))) : null);
    }

    private static string? Decode(string? cursor, Func<Exception> invalidCursor)
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
            throw invalidCursor();
        }
    }
}
