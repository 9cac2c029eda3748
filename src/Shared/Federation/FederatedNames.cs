using McpGateway.Shared.Catalog.Gateways;
using McpGateway.Shared.Configuration;
using Microsoft.Extensions.Options;

namespace McpGateway.Shared.Federation;

/// <summary>The catalog name of an upstream item: <c>{slug}{GATEWAY_TOOL_NAME_SEPARATOR}{name}</c>, or the name as is when the gateway turns prefixing off.</summary>
public sealed class FederatedNames(IOptions<FederationOptions> options)
{
    public string For(PeerGatewayRecord gateway, string upstreamName) =>
        gateway.PrefixNames ? gateway.Slug + options.Value.NameSeparator + upstreamName : upstreamName;
}
