using System.Net;
using System.Text.Json.Nodes;
using ModelContextProtocol;

namespace McpGateway.Host.Tests;

/// <summary>
/// Every failed call of a federated item counts as a failure in its metrics, and in its virtual server's: a tool's
/// <c>isError</c> result and the upstream's JSON-RPC errors on tools, resources and prompts alike.
/// </summary>
public sealed class FailureMetricsTests(McpCatalogFixture gateway) : IClassFixture<McpCatalogFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_tool_error_result_and_a_protocol_error_each_count_as_a_failure()
    {
        await using var upstream = await TestMcpServer.StartAsync();
        var registered = await RegisterAsync("failingtools", upstream);
        await using var client = await gateway.ConnectAsync("2025-06-18");

        Assert.True((await client.CallToolAsync("failingtools-fails_in_result", cancellationToken: Ct)).IsError);
        var refused = await Assert.ThrowsAsync<McpProtocolException>(async () => await client.CallToolAsync("failingtools-fails_with_protocol_error", cancellationToken: Ct));
        Assert.Equal(McpErrorCode.InvalidParams, refused.ErrorCode);

        await AssertOneFailureAsync($"tools/{await IdAsync("tools", "name", "failingtools-fails_in_result")}");
        await AssertOneFailureAsync($"tools/{await IdAsync("tools", "name", "failingtools-fails_with_protocol_error")}");
        await DeleteAsync(registered);
    }

    [Fact]
    public async Task A_resource_read_and_a_prompt_that_fail_upstream_each_count_as_a_failure()
    {
        await using var upstream = await TestMcpServer.StartAsync();
        var registered = await RegisterAsync("failingreads", upstream);
        await using var client = await gateway.ConnectAsync("2025-06-18");

        await Assert.ThrowsAsync<McpProtocolException>(async () => await client.ReadResourceAsync(upstream.BrokenDocumentUri, cancellationToken: Ct));
        await Assert.ThrowsAsync<McpProtocolException>(async () => await client.GetPromptAsync("failingreads-broken", cancellationToken: Ct));

        await AssertOneFailureAsync($"resources/{await IdAsync("resources", "uri", upstream.BrokenDocumentUri)}/info");
        await AssertOneFailureAsync($"prompts/{await IdAsync("prompts", "name", "failingreads-broken")}/info");
        await DeleteAsync(registered);
    }

    private async Task AssertOneFailureAsync(string path)
    {
        using var rest = gateway.Host.CreateClient();
        var metrics = (await (await rest.GetAsync(path, Ct)).ExpectAsync(HttpStatusCode.OK))["metrics"]!;
        Assert.Equal(1, metrics["totalExecutions"]!.GetValue<int>());
        Assert.Equal(1, metrics["failedExecutions"]!.GetValue<int>());
    }

    private async Task<string> IdAsync(string kind, string key, string value)
    {
        using var rest = gateway.Host.CreateClient();
        var items = (await (await rest.GetAsync(kind, Ct)).ExpectAsync(HttpStatusCode.OK)).AsArray();
        return items.Single(item => item![key]!.GetValue<string>() == value)!["id"]!.GetValue<string>();
    }

    private async Task<JsonNode> RegisterAsync(string name, TestMcpServer upstream)
    {
        using var rest = gateway.Host.CreateClient();
        return await (await rest.PostJsonAsync("gateways", ApiClientExtensions.Json(new { name, url = upstream.Endpoint.ToString() }))).ExpectAsync(HttpStatusCode.Created);
    }

    private async Task DeleteAsync(JsonNode registered)
    {
        using var rest = gateway.Host.CreateClient();
        await (await rest.DeleteAsync($"gateways/{registered["id"]}", Ct)).ExpectAsync(HttpStatusCode.OK);
    }
}
