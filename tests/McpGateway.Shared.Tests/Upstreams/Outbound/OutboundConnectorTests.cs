using System.Net;
using McpGateway.Shared.Upstreams.Outbound;
using McpGateway.Testing;
using Microsoft.Extensions.Options;

namespace McpGateway.Shared.Tests.Upstreams.Outbound;

/// <summary>
/// An HTTP client on <see cref="OutboundConnector"/> connects only to addresses the policy allows: it resolves each
/// host itself and checks what it connects to, redirects included. Only 127.0.0.1 is ever connected to.
/// </summary>
public sealed class OutboundConnectorTests : IAsyncLifetime
{
    private UpstreamServer upstream = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => upstream = await UpstreamServer.StartAsync();

    public ValueTask DisposeAsync() => upstream.DisposeAsync();

    [Fact]
    public async Task A_name_is_connected_to_an_allowed_address_among_those_it_resolves_to()
    {
        var resolver = new TestNameResolver(new() { ["api.test"] = [IPAddress.Parse("169.254.169.254"), IPAddress.Parse("10.0.0.1"), IPAddress.Loopback] });
        using var client = Client(new OutboundOptions { AllowLocalhost = true }, resolver);

        using var response = await client.GetAsync($"http://api.test:{upstream.BaseUri.Port}/allowed", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(upstream.Requests, r => r.Path == "/allowed");
    }

    [Fact]
    public async Task A_name_whose_every_address_is_refused_is_not_connected_to()
    {
        var resolver = new TestNameResolver(new() { ["rebind.test"] = [IPAddress.Loopback] });
        using var client = Client(new OutboundOptions(), resolver);

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync($"http://rebind.test:{upstream.BaseUri.Port}/refused", Ct));

        Assert.Equal(
            new OutboundRefusal("rebind.test at 127.0.0.1", "loopback, refused unless SSRF_ALLOW_LOCALHOST"),
            OutboundRefusedException.FindIn(failure)?.Refusal);
        Assert.DoesNotContain(upstream.Requests, r => r.Path == "/refused");
    }

    [Fact]
    public async Task A_refused_host_is_refused_before_it_is_resolved()
    {
        var resolver = new TestNameResolver(new() { ["metadata.google.internal"] = [IPAddress.Loopback] });
        using var client = Client(new OutboundOptions { AllowLocalhost = true }, resolver);

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync($"http://metadata.google.internal:{upstream.BaseUri.Port}/", Ct));

        Assert.Equal("cloud metadata endpoint", OutboundRefusedException.FindIn(failure)?.Refusal.Reason);
        Assert.Equal(0, resolver.Lookups);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/", "cloud metadata endpoint")]
    [InlineData("http://metadata.google.internal/computeMetadata/v1/", "cloud metadata endpoint")]
    [InlineData("http://internal.test/admin", "private network, refused unless SSRF_ALLOW_PRIVATE_NETWORKS")]
    public async Task A_redirect_to_a_refused_host_is_not_followed(string location, string reason)
    {
        var resolver = new TestNameResolver(new() { ["internal.test"] = [IPAddress.Parse("10.1.2.3")] });
        using var client = Client(new OutboundOptions { AllowLocalhost = true }, resolver);
        var path = "/" + Guid.NewGuid().ToString("N");
        upstream.Answer(new UpstreamAnswer(Status: 302) { Headers = new Dictionary<string, string> { ["Location"] = location } });

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(upstream.Url(path), Ct));

        Assert.Equal(reason, OutboundRefusedException.FindIn(failure)?.Refusal.Reason);
        Assert.Single(upstream.Requests, r => r.Path == path);
    }

    private static HttpClient Client(OutboundOptions options, IOutboundNameResolver resolver) =>
        new(new OutboundConnector(new OutboundPolicy(Options.Create(options)), resolver).CreateHandler());
}
