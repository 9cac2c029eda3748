using Azure;
using McpGateway.Shared.Catalog.Servers;
using McpGateway.Shared.Http;
using McpGateway.Shared.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace McpGateway.Shared.Catalog;

/// <summary>
/// The REST routes every catalog kind has: <c>/{kind}</c> (list, create), <c>/{kind}/{id}</c> (get,
/// update, delete) and <c>/{kind}/{id}/toggle</c> and <c>/state</c> (ContextForge 1.x) to switch an item on or off.
/// </summary>
public static class CatalogRoutes
{
    /// <param name="catchAllItem">True when an item may be addressed by a value with slashes (resource URIs).</param>
    /// <param name="nestedObjects">Request members whose keys are normalised too (see <see cref="FieldNames"/>).</param>
    /// <param name="collectionHandlers">Handlers that replace or add to those of <c>/{kind}</c> (peer gateways connect on POST).</param>
    /// <param name="itemHandlers">
    /// Handlers that replace or add to those of <c>/{kind}/{id}</c>, for kinds whose item GET returns something other than
    /// the item (a resource's content, a rendered prompt).
    /// </param>
    public static IEnumerable<GatewayRoute> Standard<TService, TRecord, TInput>(
        CatalogKind kind,
        bool catchAllItem = false,
        IReadOnlySet<string>? nestedObjects = null,
        IReadOnlyDictionary<string, RouteHandler>? itemHandlers = null,
        IReadOnlyDictionary<string, RouteHandler>? collectionHandlers = null)
        where TService : CatalogService<TRecord, TInput>
        where TRecord : class, ICatalogItem
    {
        var plural = kind.Plural;
        var item = catchAllItem ? "{*id}" : "{id}";

        var collectionRoute = new Dictionary<string, RouteHandler>
        {
            ["GET"] = async request =>
            {
                var service = request.Service<TService>();
                var listing = await service.ListingAsync(
                    request.QueryFlag("include_inactive", false), request.QueryList("tags"), request.Aborted).ConfigureAwait(false);
                return Paging.Page(request, listing.After, listing.Key, listing.Read);
            },
            ["POST"] = async request =>
            {
                var service = request.Service<TService>();
                var input = await request.ReadBodyAsync<TInput>(kind.Singular, nestedObjects).ConfigureAwait(false);
                var entry = await service.CreateAsync(input, request.Aborted).ConfigureAwait(false);
                request.Http.Response.Headers.Location = $"{request.Http.Request.PathBase}/{plural}/{Uri.EscapeDataString(entry.Document.Id)}";
                return await Respond(request, service, entry, StatusCodes.Status201Created).ConfigureAwait(false);
            },
        };
        yield return new GatewayRoute(plural, plural, Merge(collectionRoute, collectionHandlers));

        var itemRoute = new Dictionary<string, RouteHandler>
        {
            ["GET"] = GetAsync<TService, TRecord, TInput>,
            ["PUT"] = async request =>
            {
                var service = request.Service<TService>();
                var input = await request.ReadBodyAsync<TInput>(kind.Singular, nestedObjects).ConfigureAwait(false);
                var entry = await service.UpdateAsync(request.RouteValue("id"), input, IfMatch(request), request.Aborted).ConfigureAwait(false);
                return await Respond(request, service, entry).ConfigureAwait(false);
            },
            ["DELETE"] = async request =>
            {
                var service = request.Service<TService>();
                var deleted = await service.DeleteAsync(request.RouteValue("id"), request.Aborted).ConfigureAwait(false);
                await request.Service<ServerService>().ForgetAssociationsAsync(kind, [deleted.Id], request.Aborted).ConfigureAwait(false);
                return Results.Json(
                    new { status = "success", message = $"{kind.Title} '{deleted.Name}' deleted", id = deleted.Id },
                    GatewayJson.Options);
            },
        };
        yield return new GatewayRoute($"{plural}-item", $"{plural}/{item}", Merge(itemRoute, itemHandlers));

        foreach (var action in new[] { "toggle", "state" })
        {
            yield return new GatewayRoute($"{plural}-{action}", $"{plural}/{{id}}/{action}", new Dictionary<string, RouteHandler>
            {
                ["POST"] = request => ToggleAsync<TService, TRecord, TInput>(request, kind),
            });
        }
    }

    private static Dictionary<string, RouteHandler> Merge(Dictionary<string, RouteHandler> handlers, IReadOnlyDictionary<string, RouteHandler>? replacements)
    {
        foreach (var (method, handler) in replacements ?? new Dictionary<string, RouteHandler>())
        {
            handlers[method] = handler;
        }

        return handlers;
    }

    /// <summary>GET of one item addressed by id or alternate key: the item with its metrics, and its ETag.</summary>
    public static async Task<IResult> GetAsync<TService, TRecord, TInput>(GatewayRequest request)
        where TService : CatalogService<TRecord, TInput>
        where TRecord : class, ICatalogItem
    {
        var service = request.Service<TService>();
        var entry = await service.GetAsync(request.RouteValue("id"), request.Aborted).ConfigureAwait(false);
        return await Respond(request, service, entry).ConfigureAwait(false);
    }

    public static async Task<IResult> Respond<TRecord, TInput>(
        GatewayRequest request, CatalogService<TRecord, TInput> service, CatalogEntry<TRecord> entry, int status = StatusCodes.Status200OK)
        where TRecord : class, ICatalogItem
    {
        request.Http.Response.Headers.ETag = entry.ETag.ToString("H");
        var read = await service.ReadAsync(entry, request.Aborted).ConfigureAwait(false);
        return Results.Json(read, GatewayJson.Options, statusCode: status);
    }

    private static async Task<IResult> ToggleAsync<TService, TRecord, TInput>(GatewayRequest request, CatalogKind kind)
        where TService : CatalogService<TRecord, TInput>
        where TRecord : class, ICatalogItem
    {
        var service = request.Service<TService>();
        var activate = request.QueryFlag("activate", true);
        var entry = await service.SetEnabledAsync(request.RouteValue("id"), activate, request.Aborted).ConfigureAwait(false);
        request.Http.Response.Headers.ETag = entry.ETag.ToString("H");
        var read = await service.ReadAsync(entry, request.Aborted).ConfigureAwait(false);
        var body = new Dictionary<string, object?>
        {
            ["status"] = "success",
            ["message"] = $"{kind.Title} '{entry.Document.Name}' {(activate ? "activated" : "deactivated")}",
            [kind.Singular] = read,
        };
        return Results.Json(body, GatewayJson.Options);
    }

    private static ETag? IfMatch(GatewayRequest request) =>
        request.Http.Request.Headers[HeaderNames.IfMatch].ToString() is { Length: > 0 } value && value != "*" ? new ETag(value) : null;
}
