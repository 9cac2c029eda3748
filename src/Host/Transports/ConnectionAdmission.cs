using McpGateway.Shared.Http;
using McpGateway.Shared.Protocol;
using McpGateway.Shared.Transports;

namespace McpGateway.Host.Transports;

/// <summary>
/// What the long-lived HTTP transports check before they hold a connection open: the browser's origin
/// (ALLOWED_ORIGINS) and the virtual server the URL names.
/// </summary>
public sealed class ConnectionAdmission(OriginPolicy origins, McpCatalog catalog)
{
    /// <returns>The scope the connection serves, or the response that refuses it.</returns>
    public async Task<(CatalogScope? Scope, IResult? Refusal)> AdmitAsync(GatewayRequest request, string? serverRef)
    {
        if (origins.Refusal(request.Http.Request) is { } forbidden)
        {
            return (null, forbidden);
        }

        var scope = await catalog.ScopeAsync(serverRef, request.Aborted).ConfigureAwait(false);
        return scope is null ? (null, JsonRpcErrors.UnknownServer(serverRef!)) : (scope, null);
    }
}
