using System.Text.Json;
using McpGateway.Shared.Catalog;
using McpGateway.Shared.Http;
using McpGateway.Shared.Notifications.SignalRService;
using Microsoft.AspNetCore.Http;

namespace McpGateway.Shared.Notifications;

/// <summary>
/// The SSE event streams (ContextForge's <c>/events</c>, <c>/resources/subscribe/{uri}</c>, <c>/roots/changes</c>)
/// and the SignalR negotiate route. Each event goes out as <c>id:</c> (its event id), <c>event:</c> (its type) and
/// <c>data:</c> (the envelope); a client reconnecting with Last-Event-ID gets what it missed.
/// </summary>
public static class EventRoutes
{
    private static readonly IReadOnlySet<string> Entities = new[]
    {
        CatalogKind.Tools, CatalogKind.Resources, CatalogKind.Prompts, CatalogKind.Servers, CatalogKind.Gateways, CatalogKind.Roots,
    }.Select(kind => kind.Singular).ToHashSet(StringComparer.Ordinal);

    private static readonly IReadOnlySet<string> ResourceStreamTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        EventTypes.ResourceUpdated, EventTypes.Updated, EventTypes.Removed,
    };

    public static IEnumerable<GatewayRoute> All()
    {
        yield return new GatewayRoute("events", "events", new Dictionary<string, RouteHandler> { ["GET"] = AllEventsAsync });
        yield return new GatewayRoute("resources-subscribe", "resources/subscribe/{*uri}", new Dictionary<string, RouteHandler> { ["GET"] = ResourceEventsAsync });
        yield return new GatewayRoute("roots-changes", "roots/changes", new Dictionary<string, RouteHandler> { ["GET"] = RootEventsAsync });
        yield return new GatewayRoute(SignalRNegotiation.RouteName, SignalRNegotiation.RouteTemplate, new Dictionary<string, RouteHandler>
        {
            ["POST"] = request => request.Service<SignalRNegotiation>().NegotiateAsync(request),
        });
    }

    /// <summary>Every event; <c>?types=added,removed</c> and <c>?entity=tool,prompt</c> narrow it down.</summary>
    private static Task<IResult> AllEventsAsync(GatewayRequest request)
    {
        var types = Allowed(request, "types", EventTypes.All);
        var entities = Allowed(request, "entity", Entities);
        return StreamAsync(request, e => (types.Count == 0 || types.Contains(e.Type)) && (entities.Count == 0 || entities.Contains(e.Entity)));
    }

    /// <summary>Changes of one resource, named by its URI (raw or URL-encoded): content updates, updates and its removal.</summary>
    private static Task<IResult> ResourceEventsAsync(GatewayRequest request)
    {
        var uri = request.RouteValue("uri");
        return StreamAsync(request, e => e.Entity == CatalogKind.Resources.Singular && ResourceStreamTypes.Contains(e.Type) && e.DataText("uri") == uri);
    }

    private static Task<IResult> RootEventsAsync(GatewayRequest request) =>
        StreamAsync(request, e => e.Entity == CatalogKind.Roots.Singular);

    private static async Task<IResult> StreamAsync(GatewayRequest request, Func<GatewayEvent, bool> filter)
    {
        if (!EventStreamResponder.TryReadLastEventId(request.Http.Request, out var lastEventId))
        {
            throw ApiProblem.BadRequest($"The {EventStreamResponder.LastEventIdHeader} header must be an event id this gateway sent.");
        }

        await request.Service<EventStreamResponder>().StreamAsync(request.Http, lastEventId, filter, Render).ConfigureAwait(false);
        return Results.Empty;
    }

    private static ValueTask<SseFrame?> Render(GatewayEvent gatewayEvent, CancellationToken cancellationToken) =>
        ValueTask.FromResult<SseFrame?>(new SseFrame(gatewayEvent.Type, JsonSerializer.Serialize(gatewayEvent, GatewayJson.Options)));

    private static IReadOnlySet<string> Allowed(GatewayRequest request, string parameter, IReadOnlySet<string> known)
    {
        var values = request.QueryList(parameter);
        if (values.FirstOrDefault(v => !known.Contains(v)) is { } unknown)
        {
            throw ApiProblem.Invalid(parameter, $"'{unknown}' is not one of {string.Join(", ", known)}.");
        }

        return values.ToHashSet(StringComparer.Ordinal);
    }
}
