using System.Net;
using McpGateway.Shared.Upstreams.Outbound;

namespace McpGateway.Shared.Tests.Upstreams.Outbound;

/// <summary>Resolves the names a test gives it, and counts lookups; any other name is not found (DNS is never asked).</summary>
internal sealed class TestNameResolver(Dictionary<string, IPAddress[]> names) : IOutboundNameResolver
{
    public int Lookups { get; private set; }

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        Lookups++;
        return Task.FromResult(names.GetValueOrDefault(host, []));
    }
}
