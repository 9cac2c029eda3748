using McpGateway.Shared.Http;
using McpGateway.Shared.Notifications;
using McpGateway.Shared.Protocol;
using McpGateway.Shared.Transports;

namespace McpGateway.Host.Transports;

/// <summary>
/// What the long-lived HTTP transports check before they hold a connection open (the route dispatch has checked the
/// browser's origin and the credentials): the virtual server the URL names, and the Last-Event-ID of a client that reconnects.
/// </summary>
public sealed class ConnectionAdmission(McpCatalog catalog)
{
    /// <returns>What the connection serves, or the response that refuses it.</returns>
    public async Task<(AdmittedConnection? Admitted, IResult? Refusal)> AdmitAsync(GatewayRequest request, string? serverRef)
    {
        if (!EventStreamResponder.TryReadLastEventId(request.Http.Request, out var lastEventId))
        {
            return (null, JsonRpcErrors.Result(
                StatusCodes.Status400BadRequest, JsonRpcErrors.ServerError, $"Bad Request: {EventStreamResponder.LastEventIdHeader} is not an event id of this gateway."));
        }

        var scope = await catalog.ScopeAsync(serverRef, request.Aborted).ConfigureAwait(false);
        return scope is null ? (null, JsonRpcErrors.UnknownServer(serverRef!)) : (new AdmittedConnection(scope, lastEventId), null);
    }
}

/// <param name="Scope">The catalog the connection serves.</param>
/// <param name="LastEventId">The last event a reconnecting client heard of; what came after it is sent first.</param>
public sealed record AdmittedConnection(CatalogScope Scope, string? LastEventId);
