using System.Security.Claims;
using McpGateway.Shared.Auth;
using McpGateway.Shared.Http;
using McpGateway.Shared.Notifications;
using McpGateway.Shared.Notifications.SignalRService;
using Microsoft.Extensions.Options;

namespace McpGateway.Host.Events;

public static class EventsHubExtensions
{
    private const string HubPath = "/" + SignalRNegotiation.HubPath;

    /// <summary>The events hub: on Azure SignalR Service when AzureSignalRConnectionString is set, in-process otherwise.</summary>
    public static IServiceCollection AddEventsHub(this IServiceCollection services, IConfiguration configuration)
    {
        var signalR = services.AddSignalR();
        services.AddSingleton<HubEventForwarder>();
        var connectionString = configuration[SignalRServiceOptions.ConnectionStringSetting];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            // Checked here as well as by the options: AddAzureSignalR would fail first, without naming the setting.
            try
            {
                SignalRServiceConnection.Parse(connectionString);
            }
            catch (FormatException ex)
            {
                throw new OptionsValidationException(SignalRServiceOptions.ConnectionStringSetting, typeof(SignalRServiceOptions), [ex.Message]);
            }

            signalR.AddAzureSignalR(connectionString);
            services.AddSingleton<IEventRelay, HubEventRelay>();
        }

        return services;
    }

    /// <summary>
    /// Credentials as on every other route (Basic or bearer), also as <c>?access_token=</c>, which is how SignalR's
    /// browser clients send a token on WebSocket and SSE connections.
    /// </summary>
    public static IApplicationBuilder UseEventsHubAuthentication(this IApplicationBuilder app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments(HubPath), hub => hub.Use(async (context, next) =>
        {
            QueryTokenCredentials.Promote(context);
            var authenticator = context.RequestServices.GetRequiredService<GatewayAuthenticator>();
            string? caller;
            try
            {
                caller = await authenticator.AuthenticateAsync(context.Request).ConfigureAwait(false);
            }
            catch (ApiProblem refused)
            {
                await ProblemResponses.From(refused, context).ExecuteAsync(context).ConfigureAwait(false);
                return;
            }

            if (caller is null)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = authenticator.Challenge;
                return;
            }

            context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, caller), new Claim(ClaimTypes.NameIdentifier, caller)], "gateway"));
            await next(context).ConfigureAwait(false);
        }));

    public static IEndpointRouteBuilder MapEventsHub(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<Events>(HubPath);
        return endpoints;
    }
}
