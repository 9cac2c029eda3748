using McpGateway.Shared.Http;
using Microsoft.AspNetCore.Http;

namespace McpGateway.Shared.Notifications.SignalRService;

/// <summary>
/// <c>POST /hubs/events/negotiate</c>: where a SignalR client connects to Azure SignalR Service and with which token
/// (<c>{url, accessToken}</c>), so that a client pointed at the gateway's <c>/hubs/events</c> follows the redirect.
/// The container host's own hub answers this path itself; this route is the Functions app's.
/// </summary>
public sealed class SignalRNegotiation(SignalRServiceClient client)
{
    public const string HubName = "events";
    public const string HubPath = "hubs/" + HubName;
    public const string ClientMethod = "event";
    public const string RouteName = "hubs-events-negotiate";
    public const string RouteTemplate = HubPath + "/negotiate";

    public async Task<IResult> NegotiateAsync(GatewayRequest request)
    {
        if (!client.Configured)
        {
            throw ApiProblem.NotFound($"Azure SignalR Service is not configured here ({SignalRServiceOptions.ConnectionStringSetting}); use the SSE stream /events.");
        }

        var (url, accessToken) = await client.ClientAccessAsync(HubName, request.Http.User.Identity?.Name, request.Aborted).ConfigureAwait(false);
        return Results.Json(new { url, accessToken }, GatewayJson.Options);
    }
}
