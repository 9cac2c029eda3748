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
        IReadOnlyList<T> ordered, Func<T, string> key, string? cursor, int size, Func<Exception> invalidCursor) =>
        Take(After(ordered, key), key, cursor, size, invalidCursor);

    /// <summary>A sorted list as a source that starts after a key: the items whose key sorts after it (all for null).</summary>
    /// <param name="key">A key that increases along <paramref name="ordered"/> and identifies an item.</param>
    public static Func<string?, IEnumerable<T>> After<T>(IReadOnlyList<T> ordered, Func<T, string> key) =>
        after => after is null ? ordered : ordered.Where(item => string.CompareOrdinal(key(item), after) > 0);

    /// <summary>A page read from a sorted source that starts after a key by itself (a snapshot index): O(page), not O(list).</summary>
    /// <param name="after">The items whose key sorts after the given one (all for null), in order of <paramref name="key"/>.</param>
    public static (IReadOnlyList<T> Page, string? NextCursor) Take<T>(
        Func<string?, IEnumerable<T>> after, Func<T, string> key, string? cursor, int size, Func<Exception> invalidCursor)
    {
        var items = after(Decode(cursor, invalidCursor)).Take(size + 1).ToList();
        if (items.Count <= size)
        {
            return (items, null);
        }

        items.RemoveAt(size);
        return (items, Base64Url.EncodeToString(Encoding.UTF8.GetBytes(key(items[^1]))));
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
