using McpGateway.Shared.Catalog;
using McpGateway.Shared.Catalog.Gateways;
using McpGateway.Shared.Configuration;
using McpGateway.Shared.Http;
using McpGateway.Shared.Storage;
using McpGateway.Shared.Upstreams.Mcp;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace McpGateway.Shared.Federation;

/// <summary>
/// <c>/gateways</c>: registering a peer connects to it and federates its catalog (or fails whole: 502 when it cannot be
/// reached, 409 when a federated name is taken); updating re-reads it; deleting removes what it federated;
/// <c>POST /gateways/{id}/tools/refresh</c> re-reads it on demand.
/// </summary>
public static class PeerGatewayRoutes
{
    private static readonly IReadOnlySet<string> AuthMembers = new HashSet<string> { "auth", "authHeaders" };

    public static IEnumerable<GatewayRoute> All() =>
    [
        .. CatalogRoutes.Standard<PeerGatewayService, PeerGatewayRecord, PeerGatewayInput>(
            CatalogKind.Gateways,
            nestedObjects: AuthMembers,
            itemHandlers: new Dictionary<string, RouteHandler> { ["PUT"] = UpdateAsync, ["DELETE"] = DeleteAsync },
            collectionHandlers: new Dictionary<string, RouteHandler> { ["POST"] = RegisterAsync }),
        new GatewayRoute("gateways-refresh", "gateways/{id}/tools/refresh", new Dictionary<string, RouteHandler> { ["POST"] = RefreshAsync }),
    ];

    private static async Task<IResult> RegisterAsync(GatewayRequest request)
    {
        var service = request.Service<PeerGatewayService>();
        var input = await request.ReadBodyAsync<PeerGatewayInput>(CatalogKind.Gateways.Singular, AuthMembers).ConfigureAwait(false);
        var entry = await service.CreateAsync(input, request.Aborted).ConfigureAwait(false);
        var id = entry.Document.Id;
        if (Federating(request))
        {
            try
            {
                await request.Service<FederationSync>().SyncAsync(id, failOnConflict: true, request.Aborted).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is UpstreamUnavailableException or UniqueKeyConflictException)
            {
                // A registration that cannot federate its peer is not kept half-done.
                await request.Service<FederationSync>().ForgetAsync(id, CancellationToken.None).ConfigureAwait(false);
                await service.DeleteAsync(id, CancellationToken.None).ConfigureAwait(false);
                throw ex is UpstreamUnavailableException
                    ? ApiProblem.BadGateway(ex.Message)
                    : ApiProblem.Conflict(
                        $"The peer's catalog clashes with the gateway's: {ex.Message} Register it with prefix_names (tool and prompt names) " +
                        "or prefix_resources (resource URIs) to keep its items apart.");
            }

            entry = await service.GetAsync(id, request.Aborted).ConfigureAwait(false);
        }

        request.Http.Response.Headers.Location = $"{request.Http.Request.PathBase}/gateways/{Uri.EscapeDataString(id)}";
        return await CatalogRoutes.Respond(request, service, entry, StatusCodes.Status201Created).ConfigureAwait(false);
    }

    private static async Task<IResult> UpdateAsync(GatewayRequest request)
    {
        var service = request.Service<PeerGatewayService>();
        var input = await request.ReadBodyAsync<PeerGatewayInput>(CatalogKind.Gateways.Singular, AuthMembers).ConfigureAwait(false);
        var entry = await service.UpdateAsync(request.RouteValue("id"), input, null, request.Aborted).ConfigureAwait(false);
        if (Federating(request))
        {
            try
            {
                await request.Service<FederationSync>().SyncAsync(entry.Document.Id, failOnConflict: false, request.Aborted).ConfigureAwait(false);
            }
            catch (UpstreamUnavailableException)
            {
                // Recorded on the gateway (lastError); the update itself stands and the health check takes over.
            }

            entry = await service.GetAsync(entry.Document.Id, request.Aborted).ConfigureAwait(false);
        }

        return await CatalogRoutes.Respond(request, service, entry).ConfigureAwait(false);
    }

    private static async Task<IResult> DeleteAsync(GatewayRequest request)
    {
        var deleted = await request.Service<PeerGatewayService>().DeleteAsync(request.RouteValue("id"), request.Aborted).ConfigureAwait(false);
        await request.Service<FederationSync>().ForgetAsync(deleted.Id, request.Aborted).ConfigureAwait(false);
        return Results.Json(new { status = "success", message = $"Gateway '{deleted.Name}' deleted", id = deleted.Id }, GatewayJson.Options);
    }

    private static async Task<IResult> RefreshAsync(GatewayRequest request)
    {
        var gateway = await request.Service<PeerGatewayService>().GetAsync(request.RouteValue("id"), request.Aborted).ConfigureAwait(false);
        try
        {
            var report = await request.Service<FederationSync>().SyncAsync(gateway.Document.Id, failOnConflict: false, request.Aborted).ConfigureAwait(false);
            return Results.Json(new { status = "success", report.GatewayId, report.Added, report.Updated, report.Removed, report.Conflicts }, GatewayJson.Options);
        }
        catch (UpstreamUnavailableException ex)
        {
            throw ApiProblem.BadGateway(ex.Message);
        }
    }

    private static bool Federating(GatewayRequest request) => request.Service<IOptions<FederationOptions>>().Value.Enabled;
}
