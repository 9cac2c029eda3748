using System.Net;
using Microsoft.Extensions.Options;

namespace McpGateway.Shared.Upstreams.Outbound;

/// <summary>
/// Decides whether the gateway may connect to a host or address on a caller's behalf (SSRF protection). Cloud
/// metadata endpoints are always refused; with protection on, so are unspecified and link-local addresses, the
/// networks of SSRF_BLOCKED_NETWORKS and the names of SSRF_BLOCKED_HOSTS, and loopback and private networks unless
/// allowed. SSRF_ALLOWED_NETWORKS lets a listed network through whatever its class. An IPv6 address that carries an
/// IPv4 one (IPv4-mapped, NAT64) is judged as that IPv4 address.
/// </summary>
public sealed class OutboundPolicy
{
    private static readonly IPNetwork[] Unspecified = [IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("::/128")];
    private static readonly IPNetwork[] LinkLocal = [IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("fe80::/10")];
    private static readonly IPNetwork[] Loopback = [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")];
    private static readonly IPNetwork[] Private =
    [
        IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("100.64.0.0/10"), IPNetwork.Parse("fc00::/7"), IPNetwork.Parse("fec0::/10"),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");

    private readonly OutboundOptions options;
    private readonly IReadOnlyList<IPNetwork> blocked;
    private readonly IReadOnlyList<IPNetwork> allowed;
    private readonly HashSet<string> blockedHosts;

    public OutboundPolicy(IOptions<OutboundOptions> options)
    {
        this.options = options.Value;
        blocked = this.options.ParseBlockedNetworks();
        allowed = this.options.ParseAllowedNetworks();
        blockedHosts = [.. this.options.ParseBlockedHosts()];
    }

    /// <summary>The refusal of the URL's host as written (an address, or a name before it is resolved), or null.</summary>
    public OutboundRefusal? Check(Uri url) => CheckHost(url.IdnHost);

    /// <summary>The refusal of a host as written, or null. A name that passes is still checked on each address it resolves to.</summary>
    public OutboundRefusal? CheckHost(string host)
    {
        var name = NormalizeHost(host);
        if (IPAddress.TryParse(name, out var address))
        {
            return Check(address);
        }

        if (CloudMetadata.Names.Contains(name))
        {
            return new OutboundRefusal(name, CloudMetadata.Reason);
        }

        if (!options.ProtectionEnabled)
        {
            return null;
        }

        if (blockedHosts.Contains(name))
        {
            return new OutboundRefusal(name, "listed in SSRF_BLOCKED_HOSTS");
        }

        // RFC 6761: localhost names never leave the machine, whatever a resolver would say.
        return name == "localhost" || name.EndsWith(".localhost", StringComparison.Ordinal)
            ? Check(IPAddress.Loopback)?.ForName(name)
            : null;
    }

    /// <summary>The refusal of an address the gateway is about to connect to, or null.</summary>
    public OutboundRefusal? Check(IPAddress address)
    {
        var judged = EmbeddedIPv4(address) ?? address;
        var target = address.ToString();
        if (CloudMetadata.Addresses.Contains(judged))
        {
            return new OutboundRefusal(target, CloudMetadata.Reason);
        }

        if (!options.ProtectionEnabled)
        {
            return null;
        }

        if (In(Unspecified, judged))
        {
            return new OutboundRefusal(target, "unspecified address");
        }

        if (In(blocked, judged) || In(blocked, address))
        {
            return new OutboundRefusal(target, "listed in SSRF_BLOCKED_NETWORKS");
        }

        if (In(allowed, judged) || In(allowed, address))
        {
            return null;
        }

        return In(LinkLocal, judged) ? new OutboundRefusal(target, "link-local")
            : In(Loopback, judged) && !options.AllowLocalhost ? new OutboundRefusal(target, "loopback, refused unless SSRF_ALLOW_LOCALHOST")
            : In(Private, judged) && !options.AllowPrivateNetworks ? new OutboundRefusal(target, "private network, refused unless SSRF_ALLOW_PRIVATE_NETWORKS")
            : null;
    }

    /// <summary>A host as names compare: lower case, without IPv6 brackets or the root's trailing dot.</summary>
    public static string NormalizeHost(string host) => host.Trim().TrimStart('[').TrimEnd(']').TrimEnd('.').ToLowerInvariant();

    private static bool In(IEnumerable<IPNetwork> networks, IPAddress address) => networks.Any(network => network.Contains(address));

    /// <summary>The IPv4 address an IPv6 one reaches: IPv4-mapped (::ffff:a.b.c.d) or NAT64 (64:ff9b::a.b.c.d).</summary>
    private static IPAddress? EmbeddedIPv4(IPAddress address) =>
        address.IsIPv4MappedToIPv6 ? address.MapToIPv4()
            : Nat64.Contains(address) ? new IPAddress(address.GetAddressBytes().AsSpan(12, 4))
            : null;
}
