using System.Net;
using McpGateway.Shared.Upstreams.Outbound;

namespace McpGateway.Shared.Tests.Upstreams.Outbound;

/// <summary>SSRF_HOSTS_FILE's resolver: the file's names resolve as it says at every lookup, other names go to the fallback.</summary>
public sealed class HostsFileNameResolverTests : IDisposable
{
    private readonly string path = Path.GetTempFileName();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Listed_names_resolve_as_the_file_says_at_every_lookup()
    {
        var resolver = new HostsFileNameResolver(path, new TestNameResolver([]));
        await File.WriteAllLinesAsync(path, ["# test names", "127.0.0.1  api.test  Other.Test.   # trailing comment", "::1 api.test"], Ct);

        var first = await resolver.ResolveAsync("API.test", Ct);
        var other = await resolver.ResolveAsync("other.test", Ct);
        await File.WriteAllLinesAsync(path, ["10.0.0.7 api.test"], Ct);
        var rebound = await resolver.ResolveAsync("api.test", Ct);

        Assert.Equal([IPAddress.Loopback, IPAddress.IPv6Loopback], first);
        Assert.Equal([IPAddress.Loopback], other);
        Assert.Equal([IPAddress.Parse("10.0.0.7")], rebound);
    }

    [Fact]
    public async Task Other_names_go_to_the_fallback()
    {
        var fallback = new TestNameResolver(new() { ["elsewhere.test"] = [IPAddress.Parse("192.0.2.1")] });
        await File.WriteAllLinesAsync(path, ["127.0.0.1 api.test"], Ct);

        var resolved = await new HostsFileNameResolver(path, fallback).ResolveAsync("elsewhere.test", Ct);

        Assert.Equal([IPAddress.Parse("192.0.2.1")], resolved);
        Assert.Equal(1, fallback.Lookups);
    }

    public void Dispose() => File.Delete(path);
}
