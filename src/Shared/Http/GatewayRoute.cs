using System.Collections.Frozen;

namespace McpGateway.Shared.Http;

/// <summary>Handles one HTTP method of a route.</summary>
public delegate Task<Microsoft.AspNetCore.Http.IResult> RouteHandler(GatewayRequest request);

/// <summary>
/// One route template of the gateway's HTTP surface with a handler per HTTP method. Both hosts map
/// every route of <see cref="GatewayRouteTable"/>: the Host through endpoint routing, the Functions
/// app through one HTTP-triggered function per route. Unlisted methods answer 405.
/// </summary>
public sealed class GatewayRoute
{
    public GatewayRoute(
        string name, string template, IReadOnlyDictionary<string, RouteHandler> handlers, bool anonymous = false, string? functionsTemplate = null)
    {
        Name = name;
        Template = template;
        FunctionsTemplate = functionsTemplate ?? template;
        Handlers = handlers.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        Anonymous = anonymous;
        Allow = string.Join(", ", Handlers.Keys.Order(StringComparer.Ordinal));
    }

    /// <summary>A stable name; the Functions app names its function after it.</summary>
    public string Name { get; }

    /// <summary>The ASP.NET Core route template, relative to APP_ROOT_PATH, without a leading slash.</summary>
    public string Template { get; }

    /// <summary>
    /// The template of the route's function in the Functions app: the same as <see cref="Template"/> except where the
    /// Functions host reserves the path for itself (routes that start with <c>admin</c>).
    /// </summary>
    public string FunctionsTemplate { get; }

    public FrozenDictionary<string, RouteHandler> Handlers { get; }

    /// <summary>True for routes that answer without credentials (health probes).</summary>
    public bool Anonymous { get; }

    /// <summary>The Allow header value sent with 405 responses.</summary>
    public string Allow { get; }
}
