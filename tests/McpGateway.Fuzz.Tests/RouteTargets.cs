using System.Text.RegularExpressions;
using CsCheck;
using McpGateway.Shared.Http;

namespace McpGateway.Fuzz.Tests;

/// <summary>
/// Every (method, route) of <see cref="GatewayRouteTable"/>, walked so that a new route is fuzzed as soon as it exists,
/// with its parameters filled from a pool of ids.
/// </summary>
public static partial class RouteTargets
{
    public static IReadOnlyList<(string Method, GatewayRoute Route)> All { get; } =
        [.. GatewayRouteTable.Routes.SelectMany(route => route.Handlers.Keys.Select(method => (method, route)))];

    /// <summary>A method and a concrete path, each route parameter filled from <paramref name="ids"/>, with now and then a query.</summary>
    public static Gen<(string Method, string Path)> Paths(IEnumerable<(string Method, GatewayRoute Route)> targets, Gen<string> ids) =>
        Gen.Select(Gen.OneOf([.. targets]), ids.Array[3], Query, (target, values, query) =>
        {
            var filled = 0;
            var path = Parameter().Replace(target.Route.Template, _ => Uri.EscapeDataString(values[filled++ % values.Length]));
            return (target.Method, path + query);
        });

    /// <summary>The seeded ids, ids of nothing, and odd ones (encoded slashes, very long, not URL-safe).</summary>
    public static Gen<string> Ids(IReadOnlyList<string> known) => Gen.Frequency(
        (3, Gen.OneOf([.. known])),
        (3, Gen.OneOf("no-such-item", "0", "-1", "1.5", "a/b", "%2F", "..", " ", "null")),
        // No NUL: Kestrel refuses a path holding one before the gateway sees the request (a 400 without a body).
        (1, JsonGen.Text.Where(text => text.Length is > 0 and < 200 && !text.Contains('\0', StringComparison.Ordinal))));

    /// <summary>Ids that name nothing: a route that changes an item finds none.</summary>
    public static Gen<string> UnknownIds { get; } = Gen.OneOf("no-such-item", "0", "-1", "a%2Fb", "zz-" + new string('z', 40));

    private static Gen<string> Query { get; } = Gen.Frequency(
        (4, Gen.Const(string.Empty)),
        (1, Gen.Select(
            Gen.OneOf("include_inactive", "limit", "offset", "cursor", "tags", "page", "per_page", "version", "format"),
            Gen.OneOf("true", "maybe", "-1", "0", "99999999999", "%%%", "a,b,,c", ""),
            (name, value) => $"?{name}={Uri.EscapeDataString(value)}")));

    [GeneratedRegex(@"\{\*{0,2}[^}]+\}")]
    private static partial Regex Parameter();
}
