using System.Net;
using System.Text;

namespace McpGateway.Host.Tests;

/// <summary>The MCP endpoint's header checks: Origin and Host against DNS rebinding.</summary>
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
