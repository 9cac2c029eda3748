using System.Collections.Frozen;
using McpGateway.Shared.Admin;
using McpGateway.Shared.Catalog;
using McpGateway.Shared.Catalog.Exchange;
using McpGateway.Shared.Catalog.Prompts;
using McpGateway.Shared.Catalog.Resources;
using McpGateway.Shared.Catalog.Roots;
using McpGateway.Shared.Catalog.Servers;
using McpGateway.Shared.Catalog.Tools;
using McpGateway.Shared.Federation;
using McpGateway.Shared.Notifications;
using McpGateway.Shared.Observability;
using McpGateway.Shared.Transports.Rpc;
using McpGateway.Shared.Transports.StreamableHttp;

namespace McpGateway.Shared.Http;

/// <summary>Every HTTP route the gateway serves, on both hosts.</summary>
public static class GatewayRouteTable
{
    private static readonly IReadOnlySet<string> AuthMembers = new HashSet<string> { "auth", "authHeaders" };

    public static IReadOnlyList<GatewayRoute> Routes { get; } =
    [
        .. SystemRoutes.All(),
        .. CatalogRoutes.Standard<ToolService, ToolRecord, ToolInput>(CatalogKind.Tools, nestedObjects: AuthMembers),
        .. ResourceRoutes.All(),
        .. RootRoutes.All(),
        .. PromptRoutes.All(),
        .. ServerRoutes.All(),
        .. PeerGatewayRoutes.All(),
        .. StreamableHttpEndpoint.Routes(),
        RpcEndpoint.Route,
        .. ProtocolEndpoints.Routes(),
        .. AdminUiRoutes.All(),
        .. CatalogExchangeRoutes.All(),
        .. EventRoutes.All(),
    ];

    private static readonly FrozenDictionary<string, GatewayRoute> ByName = Routes.ToFrozenDictionary(r => r.Name, StringComparer.Ordinal);

    public static GatewayRoute Get(string name) =>
        ByName.TryGetValue(name, out var route) ? route : throw new KeyNotFoundException($"No gateway route is named '{name}'.");
}
