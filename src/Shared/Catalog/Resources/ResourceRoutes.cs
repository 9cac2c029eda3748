using McpGateway.Shared.Http;
using Microsoft.AspNetCore.Http;

namespace McpGateway.Shared.Catalog.Resources;

/// <summary>The REST routes of <c>/resources</c>.</summary>
public static class ResourceRoutes
{
    /// <summary>
    /// The standard catalog routes, with one resource addressed by id or by URI, raw
    /// (<c>/resources/config://app/settings</c>) or URL-encoded (<c>/resources/config%3A%2F%2Fapp%2Fsettings</c>).
    /// GET <c>/resources/{id-or-uri}</c> returns the resource's content; GET <c>/resources/{id}/info</c>
    /// (id or URL-encoded URI) returns its metadata (size, MIME type, metrics) without the content, as ContextForge does.
    /// </summary>
    public static IEnumerable<GatewayRoute> All() =>
    [
        .. CatalogRoutes.Standard<ResourceService, ResourceRecord, ResourceInput>(CatalogKind.Resources, catchAllItem: true, itemHandlers: new Dictionary<string, RouteHandler> { ["GET"] = ReadContentAsync }),
        new GatewayRoute("resources-info", "resources/{id}/info", new Dictionary<string, RouteHandler>
        {
            ["GET"] = CatalogRoutes.GetAsync<ResourceService, ResourceRecord, ResourceInput>,
        }),
    ];

    private static async Task<IResult> ReadContentAsync(GatewayRequest request)
    {
        var service = request.Service<ResourceService>();
        var (entry, content) = await service.ReadContentAsync(request.RouteValue("id"), request.Aborted).ConfigureAwait(false);
        request.Http.Response.Headers.ETag = entry.ETag.ToString("H");
        return Results.Json(content, GatewayJson.Options);
    }
}
