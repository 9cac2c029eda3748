using System.Net;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;

namespace McpGateway.Host.Tests;

/// <summary>A federated tool's content with annotations reaches the caller as the upstream sent it, over either HTTP transport.</summary>
public sealed class FederatedAnnotatedContentTests(McpCatalogFixture gateway) : IClassFixture<McpCatalogFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("SSE")]
    [InlineData("STREAMABLEHTTP")]
    public async Task Annotated_content_passes_through_and_counts_as_a_success(string transport)
    {
        await using var upstream = await TestMcpServer.StartAsync();
        var name = "annotated" + transport.ToLowerInvariant();
        using var rest = gateway.Host.CreateClient();
        var url = transport == "SSE" ? upstream.SseEndpoint : upstream.Endpoint;
        var registered = await (await rest.PostJsonAsync("gateways", ApiClientExtensions.Json(new { name, url = url.ToString(), transport })))
            .ExpectAsync(HttpStatusCode.Created);

        await using var client = await gateway.ConnectAsync("2025-06-18");
        // Sent as JSON-RPC, because the SDK client (ModelContextProtocol 2.4.0) cannot read annotated content itself.
        var response = await client.SendRequestAsync(
            new JsonRpcRequest { Method = RequestMethods.ToolsCall, Params = new JsonObject { ["name"] = $"{name}-annotated" } }, Ct);

        var result = response.Result!;
        Assert.NotEqual(true, result["isError"]?.GetValue<bool>());
        var text = Assert.Single(result["content"]!.AsArray())!;
        Assert.Equal("Error: Operation failed", text["text"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"audience":["user","assistant"],"priority":1,"lastModified":"2025-01-12T15:00:58+00:00"}"""), text["annotations"]),
            text["annotations"]?.ToJsonString());

        var tools = (await (await rest.GetAsync("tools", Ct)).ExpectAsync(HttpStatusCode.OK)).AsArray();
        var tool = tools.Single(t => t!["name"]!.GetValue<string>() == $"{name}-annotated")!;
        var metrics = (await (await rest.GetAsync($"tools/{tool["id"]}", Ct)).ExpectAsync(HttpStatusCode.OK))["metrics"]!;
        Assert.Equal(1, metrics["successfulExecutions"]!.GetValue<int>());
        Assert.Equal(0, metrics["failedExecutions"]!.GetValue<int>());

        await (await rest.DeleteAsync($"gateways/{registered["id"]}", Ct)).ExpectAsync(HttpStatusCode.OK);
    }
}
