using System.Globalization;
using McpGateway.Shared.Http;

namespace McpGateway.Shared.Catalog.Servers;

/// <summary>
/// The standard catalog routes of <c>/servers</c>, plus <c>/servers/{id}/tools</c>, <c>/resources</c> and
/// <c>/prompts</c>: the bundled items, shaped and paginated as the list of their own kind is.
/// </summary>
public static class ServerRoutes
{
    public static IEnumerable<GatewayRoute> All()
    {
        foreach (var route in CatalogRoutes.Standard<ServerService, ServerRecord, ServerInput>(CatalogKind.Servers))
        {
            yield return route;
        }

        foreach (var kind in ServerService.AssociatedKinds)
        {
            yield return new GatewayRoute($"servers-{kind.Plural}", $"servers/{{id}}/{kind.Plural}", new Dictionary<string, RouteHandler>
            {
                ["GET"] = async request =>
                {
                    var service = request.Service<ServerService>();
                    var server = await service.GetAsync(request.RouteValue("id"), request.Aborted).ConfigureAwait(false);
                    var reads = await service.ReadAssociatedAsync(
                        server.Document, kind, request.QueryFlag("include_inactive", false), request.Aborted).ConfigureAwait(false);
                    var ordered = reads.Select((read, index) => (Read: read, Key: index.ToString("D10", CultureInfo.InvariantCulture))).ToList();
                    return Paging.Page(request, ordered, item => item.Key, item => item.Read);
                },
            });
        }
    }
}
