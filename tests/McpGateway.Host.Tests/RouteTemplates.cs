using System.Text.RegularExpressions;
using McpGateway.Shared.Http;
using McpGateway.Shared.Notifications.SignalRService;

namespace McpGateway.Host.Tests;

public static partial class RouteTemplates
{
    /// <summary>A concrete path for a route template, each parameter filled with <paramref name="value"/>.</summary>
    public static string Fill(GatewayRoute route, string value = "no-such-item") => Parameter().Replace(route.Template, value);

    /// <summary>
    /// Every (method, path) the container host serves from the route table: SignalR's negotiate path, a route of the
    /// table for the Functions app, is the host's own SignalR hub's there (EventsHubTests covers it).
    /// </summary>
    public static IEnumerable<(string Method, string Path, GatewayRoute Route)> All() =>
        GatewayRouteTable.Routes
            .Where(route => route.Name != SignalRNegotiation.RouteName)
            .SelectMany(route => route.Handlers.Keys.Select(method => (method, Fill(route), route)));

    [GeneratedRegex(@"\{\*{0,2}[^}]+\}")]
    private static partial Regex Parameter();
}
