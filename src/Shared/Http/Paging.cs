using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using McpGateway.Shared.Configuration;

namespace McpGateway.Shared.Http;

/// <summary>
/// Cursor pagination for REST lists. The body stays a plain JSON array (what ContextForge's scripts
/// expect) and the next page is announced in <c>X-Next-Cursor</c> and a <c>Link: rel="next"</c>
/// header; <c>?include_pagination=true</c> returns <c>{"items": [...], "nextCursor": ...}</c> instead.
/// </summary>
public static class Paging
{
    public const string NextCursorHeader = "X-Next-Cursor";

    /// <param name="ordered">The whole list in a stable order.</param>
    /// <param name="sortKey">A key that increases along <paramref name="ordered"/> and identifies an item.</param>
    public static IResult Page<T>(GatewayRequest request, IReadOnlyList<T> ordered, Func<T, string> sortKey, Func<T, object> read) =>
        Page(request, KeysetPage.After(ordered, sortKey), sortKey, read);

    /// <param name="after">The items whose key sorts after the given one (all for null), in order of <paramref name="sortKey"/>.</param>
    /// <param name="sortKey">A key that increases along the list and identifies an item.</param>
    public static IResult Page<T>(GatewayRequest request, Func<string?, IEnumerable<T>> after, Func<T, string> sortKey, Func<T, object> read)
    {
        var maxPageSize = request.Service<IOptions<ApiOptions>>().Value.MaxPageSize;
        var limit = request.QueryInt("limit", 1, maxPageSize) ?? maxPageSize;
        var (page, nextCursor) = KeysetPage.Take(
            after, sortKey, request.Query("cursor"), limit, () => ApiProblem.Invalid("cursor", "The cursor is not one this API returned."));
        var items = page.Select(read).ToList();

        if (nextCursor is not null)
        {
            var http = request.Http;
            http.Response.Headers[NextCursorHeader] = nextCursor;
            var query = QueryString.Create(http.Request.Query
                .Where(q => q.Key != "cursor")
                .SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v)))
                .Append(KeyValuePair.Create("cursor", (string?)nextCursor)));
            http.Response.Headers.Link = $"<{http.Request.PathBase}{http.Request.Path}{query}>; rel=\"next\"";
        }

        return request.QueryFlag("include_pagination", false)
            ? Results.Json(new { items, nextCursor }, GatewayJson.Options)
            : Results.Json(items, GatewayJson.Options);
    }
}
