using System.Net;

namespace McpGateway.Host.Tests;

/// <summary>
/// Registration refuses a URL whose host the outbound (SSRF) policy refuses as written, with the defaults of a
/// deployment: metadata and link-local always, loopback and private networks unless allowed.
/// </summary>
public sealed class OutboundRegistrationTests(OutboundRegistrationTests.DeploymentDefaultsGateway gateway)
    : IClassFixture<OutboundRegistrationTests.DeploymentDefaultsGateway>
{
    /// <summary>A host with the policy's defaults: the shared fixture's SSRF_ALLOW_LOCALHOST is removed.</summary>
    public sealed class DeploymentDefaultsGateway(AzuriteFixture azurite) : GatewayHostFixture(azurite)
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["SSRF_ALLOW_LOCALHOST"] = null };
    }

    private readonly HttpClient client = gateway.Host.CreateClient();

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/", "metadata")]
    [InlineData("http://[fd00:ec2::254]/latest/meta-data/", "metadata")]
    [InlineData("http://[::ffff:169.254.169.254]/latest/meta-data/", "metadata")]
    [InlineData("http://metadata.google.internal/computeMetadata/v1/", "metadata")]
    [InlineData("http://169.254.10.20/", "link-local")]
    [InlineData("http://10.1.2.3:8080/api", "SSRF_ALLOW_PRIVATE_NETWORKS")]
    [InlineData("http://192.168.1.10/api", "SSRF_ALLOW_PRIVATE_NETWORKS")]
    [InlineData("http://127.0.0.1:1/x", "SSRF_ALLOW_LOCALHOST")]
    [InlineData("http://localhost:9000/rpc", "SSRF_ALLOW_LOCALHOST")]
    public async Task A_rest_tool_at_a_refused_host_is_422_naming_url(string url, string reason)
    {
        var name = "refused_" + Guid.NewGuid().ToString("N");

        var problem = await (await client.PostJsonAsync("tools", ApiClientExtensions.Json(new { name, url })))
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("url", problem["field"]!.GetValue<string>());
        Assert.Contains("outbound policy refused", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(reason, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await (await client.GetAsync($"tools/{name}", TestContext.Current.CancellationToken)).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_update_to_a_refused_host_is_422_and_keeps_the_url()
    {
        var name = "moved_" + Guid.NewGuid().ToString("N");
        await (await client.PostJsonAsync("tools", ApiClientExtensions.Json(new { name, url = "https://api.example.com/v1" }))).ExpectAsync(HttpStatusCode.Created);

        var problem = await (await client.PutJsonAsync($"tools/{name}", """{"url":"http://169.254.169.254/latest/meta-data/"}"""))
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("url", problem["field"]!.GetValue<string>());
        var kept = await (await client.GetAsync($"tools/{name}", TestContext.Current.CancellationToken)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("https://api.example.com/v1", kept["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_peer_at_a_refused_host_is_422_naming_url_without_connecting()
    {
        var name = "refused-peer-" + Guid.NewGuid().ToString("N");
        var port = FreePorts.Take(1)[0];

        var problem = await (await client.PostJsonAsync("gateways", ApiClientExtensions.Json(new { name, url = $"http://127.0.0.1:{port}/mcp" })))
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("url", problem["field"]!.GetValue<string>());
        Assert.Contains("SSRF_ALLOW_LOCALHOST", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await (await client.GetAsync($"gateways/{name}", TestContext.Current.CancellationToken)).ExpectProblemAsync(HttpStatusCode.NotFound);
    }
}
