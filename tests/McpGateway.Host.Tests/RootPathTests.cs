using System.Net;

namespace McpGateway.Host.Tests;

/// <summary>APP_ROOT_PATH serves the whole API under a sub-path, as behind a reverse proxy.</summary>
public sealed class RootPathTests(RootPathTests.SubPathGateway gateway) : IClassFixture<RootPathTests.SubPathGateway>
{
    public sealed class SubPathGateway(AzuriteFixture azurite) : GatewayHostFixture(azurite)
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["APP_ROOT_PATH"] = "/gateway" };
    }

    [Fact]
    public async Task Api_is_served_under_the_root_path()
    {
        using var client = gateway.Host.CreateClient();
        Assert.EndsWith("/gateway/", client.BaseAddress!.AbsoluteUri, StringComparison.Ordinal);
        await (await client.GetAsync("health", TestContext.Current.CancellationToken)).ExpectAsync(HttpStatusCode.OK);
        var created = await client.PostJsonAsync("tools", """{"name":"rooted","url":"http://127.0.0.1:1/x"}""");
        await created.ExpectAsync(HttpStatusCode.Created);
        Assert.StartsWith("/gateway/tools/", created.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
