using System.Net;
using System.Text;

namespace McpGateway.Host.Tests;

/// <summary>
/// A password in a tool's or a peer's URL is a secret: masked in every response, the export and the log, kept when the
/// masked URL comes back, and sent to the upstream as Basic credentials.
/// </summary>
public sealed class UrlPasswordTests(McpCatalogFixture gateway) : IClassFixture<McpCatalogFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_password_in_a_tool_url_is_masked_everywhere_kept_on_the_mask_and_sent_as_basic_credentials()
    {
        await using var upstream = await UpstreamServer.StartAsync();
        upstream.Answer(new UpstreamAnswer(Body: """{"ok":true}"""), new UpstreamAnswer(Body: """{"ok":true}"""));
        var password = "pw-" + Guid.NewGuid().ToString("N");
        var name = "url_password_" + Guid.NewGuid().ToString("N")[..8];
        var url = new UriBuilder(upstream.Url("/secure")) { UserName = "tooluser", Password = password }.Uri.ToString();
        var masked = url.Replace(password, "*****", StringComparison.Ordinal);
        using var rest = gateway.Host.CreateClient();

        var created = await (await rest.PostJsonAsync("tools", $$"""{"name":"{{name}}","url":"{{url}}","request_type":"POST"}""")).ExpectAsync(HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();
        Assert.Equal(masked, created["url"]!.GetValue<string>());
        var read = await (await rest.GetAsync($"tools/{id}", Ct)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(masked, read["url"]!.GetValue<string>());
        var export = await (await rest.GetAsync("export?types=tools", Ct)).ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(password, export.ToJsonString(), StringComparison.Ordinal);

        await (await rest.PutJsonAsync($"tools/{id}", $$"""{"url":"{{masked}}","description":"kept"}""")).ExpectAsync(HttpStatusCode.OK);
        await using var client = await gateway.ConnectAsync("2025-11-25");
        Assert.NotEqual(true, (await client.CallToolAsync(name, cancellationToken: Ct)).IsError);

        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"tooluser:{password}"));
        Assert.Equal(expected, Assert.Single(upstream.Requests).Headers["Authorization"]);
        Assert.DoesNotContain(password, gateway.Host.Output, StringComparison.Ordinal);
        await (await rest.DeleteAsync($"tools/{id}", Ct)).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_password_in_a_peer_url_is_masked_in_responses_and_the_export()
    {
        await using var upstream = await TestMcpServer.StartAsync();
        var password = "pw-" + Guid.NewGuid().ToString("N");
        var name = "urlpeer" + Guid.NewGuid().ToString("N")[..8];
        var url = new UriBuilder(upstream.Endpoint) { UserName = "peeruser", Password = password }.Uri.ToString();
        using var rest = gateway.Host.CreateClient();

        var registered = await (await rest.PostJsonAsync("gateways", $$"""{"name":"{{name}}","url":"{{url}}","prefix_names":true}""")).ExpectAsync(HttpStatusCode.Created);
        var id = registered["id"]!.GetValue<string>();
        Assert.Equal(url.Replace(password, "*****", StringComparison.Ordinal), registered["url"]!.GetValue<string>());
        Assert.DoesNotContain(password, registered.ToJsonString(), StringComparison.Ordinal);
        var read = await (await rest.GetAsync($"gateways/{id}", Ct)).ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(password, read.ToJsonString(), StringComparison.Ordinal);
        var export = await (await rest.GetAsync("export?types=gateways", Ct)).ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(password, export.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(password, gateway.Host.Output, StringComparison.Ordinal);
        await (await rest.DeleteAsync($"gateways/{id}", Ct)).ExpectAsync(HttpStatusCode.OK);
    }
}
