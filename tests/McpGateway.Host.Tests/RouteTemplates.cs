using System.Text.RegularExpressions;
using McpGateway.Shared.Http;

namespace McpGateway.Host.Tests;

public static partial class RouteTemplates
{
    /// <summary>A concrete path for a route template, each parameter filled with <paramref name="value"/>.</summary>
    public static string Fill(GatewayRoute route, string value = "no-such-item") => Parameter().Replace(route.Template, value);

    /// <summary>Every (method, path) the gateway serves.</summary>
    public static IEnumerable<(string Method, string Path, GatewayRoute Route)> All() =>
        GatewayRouteTable.Routes.SelectMany(route => route.Handlers.Keys.Select(method => (method, Fill(route), route)));

    [GeneratedRegex(@"\{\*{0,2}[^}]+\}")]
    private static partial Regex Parameter();
}
