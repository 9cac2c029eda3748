using System.Net;

namespace McpGateway.Shared.Upstreams.Outbound;

/// <summary>Resolves the host names of outbound connections; the connection goes to an address it returned, once checked.</summary>
public interface IOutboundNameResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}

/// <summary>The system's resolver (DNS, /etc/hosts).</summary>
internal sealed class DnsNameResolver : IOutboundNameResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) => Dns.GetHostAddressesAsync(host, cancellationToken);
}
