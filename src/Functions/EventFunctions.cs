using McpGateway.Shared.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace McpGateway.Functions;

/// <summary>
/// The event streams (SSE; the platform ends long responses and clients resume with Last-Event-ID) and the negotiate
/// route that sends SignalR clients to Azure SignalR Service.
/// </summary>
public sealed class EventFunctions(RouteDispatcher dispatcher) : GatewayFunctions(dispatcher)
{
    [Function("events")]
    public Task<IResult> Events([HttpTrigger(AuthorizationLevel.Anonymous, Route = "events")] HttpRequest request) => DispatchAsync("events", request);

    [Function("resources-subscribe")]
    public Task<IResult> ResourceEvents([HttpTrigger(AuthorizationLevel.Anonymous, Route = "resources/subscribe/{*uri}")] HttpRequest request, string uri) =>
        DispatchAsync("resources-subscribe", request, new Dictionary<string, string?> { ["uri"] = uri });

    [Function("roots-changes")]
    public Task<IResult> RootEvents([HttpTrigger(AuthorizationLevel.Anonymous, Route = "roots/changes")] HttpRequest request) => DispatchAsync("roots-changes", request);

    [Function("hubs-events-negotiate")]
    public Task<IResult> Negotiate([HttpTrigger(AuthorizationLevel.Anonymous, Route = "hubs/events/negotiate")] HttpRequest request) =>
        DispatchAsync("hubs-events-negotiate", request);
}
