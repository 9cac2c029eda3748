using System.Net;

namespace McpGateway.Shared.Upstreams.Outbound;

/// <summary>
/// SSRF_HOSTS_FILE, for tests: names listed in a hosts file (<c>address name...</c> lines, <c>#</c> comments)
/// resolve as it says, and the file is read at every lookup, so a test can change an answer between two calls
/// (DNS rebinding) without touching DNS. Other names go to <paramref name="fallback"/>.
/// </summary>
internal sealed class HostsFileNameResolver(string path, IOutboundNameResolver fallback) : IOutboundNameResolver
{
    public async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        var name = OutboundPolicy.NormalizeHost(host);
        var addresses = new List<IPAddress>();
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false))
        {
            var fields = line.Split('#')[0].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 1 && IPAddress.TryParse(fields[0], out var address) && fields.Skip(1).Any(n => OutboundPolicy.NormalizeHost(n) == name))
            {
                addresses.Add(address);
            }
        }

        return addresses.Count > 0 ? [.. addresses] : await fallback.ResolveAsync(host, cancellationToken).ConfigureAwait(false);
    }
}
