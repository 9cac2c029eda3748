using McpGateway.Shared.Catalog.Gateways;

namespace McpGateway.Shared.Federation;

/// <summary>
/// The catalog URI of an upstream resource or template. A peer registered with <c>prefix_resources</c> has its URIs
/// namespaced as <c>{slug}+{uri}</c>, which is still a URI (its scheme gains the slug), so that two peers may offer
/// the same URIs; the upstream always sees its own.
/// </summary>
public static class FederatedResourceUris
{
    public static string InCatalog(PeerGatewayRecord gateway, string upstreamUri) =>
        gateway.PrefixResources ? Prefix(gateway) + upstreamUri : upstreamUri;

    public static string OnUpstream(PeerGatewayRecord gateway, string catalogUri) =>
        gateway.PrefixResources && catalogUri.StartsWith(Prefix(gateway), StringComparison.Ordinal) ? catalogUri[Prefix(gateway).Length..] : catalogUri;

    private static string Prefix(PeerGatewayRecord gateway) => gateway.Slug + "+";
}
