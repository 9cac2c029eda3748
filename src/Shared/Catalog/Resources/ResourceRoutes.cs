using McpGateway.Shared.Federation;
using McpGateway.Shared.Http;
using McpGateway.Shared.Observability;
using McpGateway.Shared.Upstreams.Mcp;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

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
        var idOrUri = request.RouteValue("id");
        if ((await service.FindAsync(idOrUri, request.Aborted).ConfigureAwait(false))?.Document is { GatewayId: { } gatewayId } federated)
        {
            return Results.Json(await ReadFederatedAsync(request, federated, gatewayId).ConfigureAwait(false), GatewayJson.Options);
        }

        var (entry, content) = await service.ReadContentAsync(idOrUri, request.Aborted).ConfigureAwait(false);
        request.Http.Response.Headers.ETag = entry.ETag.ToString("H");
        return Results.Json(content, GatewayJson.Options);
    }

    /// <summary>A federated resource's content comes from its upstream, in the same shape as a local one's.</summary>
    private static async Task<ResourceContentRead> ReadFederatedAsync(GatewayRequest request, ResourceRecord resource, string gatewayId)
    {
        try
        {
            var result = await request.Service<MetricsStore>().MeasureAsync(
                [new MeasuredItem(CatalogKind.Resources.Singular, resource.Id)],
                () => request.Service<FederatedCalls>().ReadResourceAsync(gatewayId, resource.Uri, request.Aborted)).ConfigureAwait(false);
            return result.Contents.FirstOrDefault() switch
            {
                TextResourceContents text => new ResourceContentRead(resource.Id, resource.Uri, text.MimeType ?? resource.MimeType, text.Text, Blob: null),
                BlobResourceContents blob => new ResourceContentRead(resource.Id, resource.Uri, blob.MimeType ?? resource.MimeType, Text: null, Convert.ToBase64String(blob.DecodedData.Span)),
                _ => throw ApiProblem.BadGateway($"The upstream returned no content for '{resource.Uri}'."),
            };
        }
        catch (Exception ex) when (ex is McpException or UpstreamUnavailableException)
        {
            throw ApiProblem.BadGateway($"The upstream of '{resource.Uri}' failed: {ex.Message}");
        }
    }
}
