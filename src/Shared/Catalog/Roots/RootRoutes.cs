using McpGateway.Shared.Http;
using Microsoft.AspNetCore.Http;

namespace McpGateway.Shared.Catalog.Roots;

/// <summary>The REST routes of <c>/roots</c>.</summary>
public static class RootRoutes
{
    /// <summary>
    /// <c>/roots</c> lists (paginated like every list) and adds roots; <c>/roots/{uri}</c> removes one, the
    /// URI URL-encoded (<c>/roots/%2Fdata</c>) or raw (<c>/roots/file:///data</c>).
    /// </summary>
    public static IEnumerable<GatewayRoute> All()
    {
        var plural = CatalogKind.Roots.Plural;
        yield return new GatewayRoute(plural, plural, new Dictionary<string, RouteHandler>
        {
            ["GET"] = async request =>
            {
                var roots = await request.Service<RootService>().ListAsync(request.Aborted).ConfigureAwait(false);
                return Paging.Page(request, roots, RootService.CreatedKey, RootRead.From);
            },
            ["POST"] = async request =>
            {
                var input = await request.ReadBodyAsync<RootInput>(CatalogKind.Roots.Singular).ConfigureAwait(false);
                var root = await request.Service<RootService>().AddAsync(input, request.Aborted).ConfigureAwait(false);
                request.Http.Response.Headers.Location = $"{request.Http.Request.PathBase}/{plural}/{Uri.EscapeDataString(root.Uri)}";
                return Results.Json(RootRead.From(root), GatewayJson.Options, statusCode: StatusCodes.Status201Created);
            },
        });

        yield return new GatewayRoute($"{plural}-item", $"{plural}/{{*id}}", new Dictionary<string, RouteHandler>
        {
            ["DELETE"] = async request =>
            {
                var root = await request.Service<RootService>().RemoveAsync(request.RouteValue("id"), request.Aborted).ConfigureAwait(false);
                return Results.Json(new { status = "success", message = $"Root '{root.Uri}' removed", uri = root.Uri }, GatewayJson.Options);
            },
        });
    }
}
