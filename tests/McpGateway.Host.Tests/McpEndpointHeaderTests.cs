using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace McpGateway.Host.Tests;

/// <summary>The MCP endpoint's header checks: Origin and Host against DNS rebinding, unsupported protocol versions.</summary>
public sealed class McpEndpointHeaderTests(McpCatalogFixture gateway) : IClassFixture<McpCatalogFixture>
{
    private const string Discover = """
        {"jsonrpc":"2.0","id":7,"method":"server/discover","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}}}
        """;

    [Fact]
    public async Task A_page_rebound_to_the_loopback_address_is_refused_though_its_origin_matches_its_host()
    {
        var response = await PostAsync(Discover, "2026-07-28", host: "evil.example.com", origin: "http://evil.example.com");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    public async Task A_page_of_the_gateway_own_loopback_origin_is_served(string name)
    {
        var host = $"{name}:{gateway.Host.BaseAddress.Port}";
        var response = await PostAsync(Discover, "2026-07-28", host: host, origin: $"http://{host}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_unsupported_version_answers_by_the_request_id_with_the_versions_a_request_without_session_can_use()
    {
        var response = await PostAsync(Discover.Replace("\"2026-07-28\"", "\"v999\"", StringComparison.Ordinal), "v999");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal(7, error["id"]!.GetValue<int>());
        Assert.Equal(-32022, error["error"]!["code"]!.GetValue<int>());
        Assert.Equal("v999", error["error"]!["data"]!["requested"]!.GetValue<string>());
        Assert.Equal(["2026-07-28"], error["error"]!["data"]!["supported"]!.AsArray().Select(v => v!.GetValue<string>()));
    }

    private async Task<HttpResponseMessage> PostAsync(string body, string version, string? host = null, string? origin = null)
    {
        using var client = gateway.Host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "mcp") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Accept", "application/json, text/event-stream");
        request.Headers.TryAddWithoutValidation("MCP-Protocol-Version", version);
        request.Headers.TryAddWithoutValidation("Mcp-Method", "server/discover");
        request.Headers.Host = host;
        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
