using McpGateway.Shared.Catalog;
using McpGateway.Shared.Catalog.Gateways;
using McpGateway.Shared.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpGateway.Shared.Federation;

/// <summary>The catalog name of an upstream item: <c>{slug}{GATEWAY_TOOL_NAME_SEPARATOR}{name}</c>, or the name as is when the gateway turns prefixing off.</summary>
public sealed class FederatedNames(IOptions<FederationOptions> options, ILogger<FederatedNames> logger)
{
    public string For(PeerGatewayRecord gateway, string upstreamName) =>
        gateway.PrefixNames ? gateway.Slug + options.Value.NameSeparator + upstreamName : upstreamName;

    /// <summary>
    /// False, with a warning, for an upstream item whose name the catalog would refuse from a caller (see
    /// <see cref="CatalogValidation.IsDisplaySafe"/>): the sync leaves it out rather than list a name that passes for another.
    /// </summary>
    public bool Accepts(PeerGatewayRecord gateway, string kind, string upstreamName)
    {
        if (CatalogValidation.IsDisplaySafe(upstreamName))
        {
            return true;
        }

        // Escaped in the log, where the raw characters would reorder or hide parts of the line.
        logger.LogWarning(
            "Gateway {Gateway} offers a {Kind} whose name has control, format or line-separator characters ({Name}); it is not federated",
            gateway.Name, kind, Uri.EscapeDataString(upstreamName));
        return false;
    }
}
