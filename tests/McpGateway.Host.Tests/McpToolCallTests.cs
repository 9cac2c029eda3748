using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpGateway.Host.Tests;

/// <summary>tools/call of REST tools through the gateway, with the C# SDK client, against a real local HTTP API.</summary>
public sealed class McpToolCallTests(McpToolCallTests.ToolGateway gateway) : IClassFixture<McpToolCallTests.ToolGateway>
{
    public sealed class ToolGateway(AzuriteFixture azurite) : McpCatalogFixture(azurite), IAsyncLifetime
    {
        public UpstreamServer Upstream { get; private set; } = null!;

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["MAX_TOOL_RETRIES"] = "1",
            ["TOOL_TIMEOUT"] = "10",
        };

        async ValueTask IAsyncLifetime.InitializeAsync()
        {
            await InitializeCatalogAsync();
            Upstream = await UpstreamServer.StartAsync();
        }

        async ValueTask IAsyncDisposable.DisposeAsync()
        {
            await Upstream.DisposeAsync();
            await DisposeAsync();
        }
    }

    public static TheoryData<string> Revisions() => McpProtocolTests.Revisions();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Revisions))]
    public async Task Calls_a_rest_tool_and_returns_its_json_as_text_and_structured_content(string revision)
    {
        gateway.Upstream.Answer(new UpstreamAnswer(Body: """{"time":"12:00","zone":"UTC"}"""));
        var tool = await RegisterAsync($"clock_{revision.Replace("-", "_", StringComparison.Ordinal)}", """{"type":"object","properties":{"timezone":{"type":"string"}},"required":["timezone"]}""", outputSchema: true);
        await using var client = await gateway.ConnectAsync(revision);

        var listed = await client.ListToolsAsync(cancellationToken: Ct);
        Assert.Contains(listed, t => t.Name == tool);

        var result = await client.CallToolAsync(tool, new Dictionary<string, object?> { ["timezone"] = "UTC" }, cancellationToken: Ct);

        Assert.NotEqual(true, result.IsError);
        var text = Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
        Assert.Equal("12:00", JsonDocument.Parse(text).RootElement.GetProperty("time").GetString());
        Assert.Equal("UTC", result.StructuredContent!.Value.GetProperty("zone").GetString());
        Assert.Equal("""{"timezone":"UTC"}""", gateway.Upstream.Requests[^1].Body);
    }

    [Theory]
    [MemberData(nameof(Revisions))]
    public async Task Invalid_arguments_are_reported_as_the_revision_prescribes_and_never_reach_the_upstream(string revision)
    {
        var tool = await RegisterAsync($"strict_{revision.Replace("-", "_", StringComparison.Ordinal)}", """{"type":"object","properties":{"count":{"type":"integer"}},"required":["count"]}""");
        await using var client = await gateway.ConnectAsync(revision);
        var before = gateway.Upstream.Requests.Count;

        if (string.CompareOrdinal(revision, "2025-11-25") >= 0)
        {
            var result = await client.CallToolAsync(tool, new Dictionary<string, object?> { ["count"] = "many" }, cancellationToken: Ct);
            Assert.True(result.IsError);
            Assert.Contains("count", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text, StringComparison.Ordinal);
        }
        else
        {
            var error = await Assert.ThrowsAsync<McpProtocolException>(() =>
                client.CallToolAsync(tool, new Dictionary<string, object?> { ["count"] = "many" }, cancellationToken: Ct).AsTask());
            Assert.Equal(McpErrorCode.InvalidParams, error.ErrorCode);
            Assert.Contains("count", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(before, gateway.Upstream.Requests.Count);
    }

    [Fact]
    public async Task Unknown_tool_is_invalid_params()
    {
        await using var client = await gateway.ConnectAsync("2026-07-28");
        var error = await Assert.ThrowsAsync<McpProtocolException>(() => client.CallToolAsync("no_such_tool", cancellationToken: Ct).AsTask());
        Assert.Equal(McpErrorCode.InvalidParams, error.ErrorCode);
    }

    [Fact]
    public async Task Upstream_failure_is_a_tool_error_result_and_counts_as_a_failed_execution()
    {
        gateway.Upstream.Answer(new UpstreamAnswer(Status: 503, Body: "maintenance"));
        var tool = await RegisterAsync("flaky", """{"type":"object"}""");
        await using var client = await gateway.ConnectAsync("2026-07-28");

        var result = await client.CallToolAsync(tool, cancellationToken: Ct);

        Assert.True(result.IsError);
        Assert.Contains("503", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text, StringComparison.Ordinal);
        using var rest = gateway.Host.CreateClient();
        var metrics = (await (await rest.GetAsync($"tools/{tool}", Ct)).ExpectAsync(HttpStatusCode.OK))["metrics"]!;
        Assert.Equal(1, metrics["totalExecutions"]!.GetValue<int>());
        Assert.Equal(1, metrics["failedExecutions"]!.GetValue<int>());
    }

    [Fact]
    public async Task Calls_through_a_virtual_server_count_for_the_server_too()
    {
        gateway.Upstream.Answer(new UpstreamAnswer(Body: "\"ok\""));
        var tool = await RegisterAsync("bundled_tool", """{"type":"object"}""");
        using var rest = gateway.Host.CreateClient();
        var server = await (await rest.PostJsonAsync("servers", $$"""{"name":"metrics_bundle","associated_tools":["{{tool}}"]}""")).ExpectAsync(HttpStatusCode.Created);
        var serverId = server["id"]!.GetValue<string>();
        await using var client = await gateway.ConnectAsync("2025-06-18", $"servers/{serverId}/mcp");

        await client.CallToolAsync(tool, cancellationToken: Ct);
        await client.CallToolAsync(tool, cancellationToken: Ct);

        var read = await (await rest.GetAsync($"servers/{serverId}", Ct)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, read["metrics"]!["successfulExecutions"]!.GetValue<int>());
        var all = await (await rest.GetAsync("metrics", Ct)).ExpectAsync(HttpStatusCode.OK);
        Assert.True(all["servers"]!["totalExecutions"]!.GetValue<int>() >= 2);
    }

    [Theory]
    [InlineData("2025-06-18")]
    [InlineData("2026-07-28")]
    public async Task Cancelling_a_call_cancels_the_upstream_request(string revision)
    {
        var release = new TaskCompletionSource();
        gateway.Upstream.Answer(new UpstreamAnswer(Body: "\"late\"") { Gate = release.Task });
        var tool = await RegisterAsync($"slow_{revision.Replace("-", "_", StringComparison.Ordinal)}", """{"type":"object"}""");
        await using var client = await gateway.ConnectAsync(revision);
        var abandonedBefore = gateway.Upstream.AbandonedRequests;
        var requestsBefore = gateway.Upstream.Requests.Count;

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var call = client.CallToolAsync(tool, cancellationToken: cancel.Token).AsTask();
        await WaitUntilAsync(() => gateway.Upstream.Requests.Count > requestsBefore);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        await WaitUntilAsync(() => gateway.Upstream.AbandonedRequests > abandonedBefore);
        release.SetResult();
    }

    [Fact]
    public async Task A_stateless_rest_tool_call_answered_without_a_server_core_gets_the_answer_a_server_core_gives()
    {
        gateway.Upstream.Answer(new UpstreamAnswer(Body: """{"time":"12:00","zone":"UTC"}"""));
        var tool = await RegisterAsync("clock_parity", """{"type":"object"}""", outputSchema: true);
        const string Meta = """
            "io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{},
            "io.modelcontextprotocol/clientInfo":{"name":"parity","version":"1.0"}
            """;

        // What every client sends, which the gateway answers itself; and the same with a progress token, which a
        // server core answers (a REST tool reports no progress, so its answer is one JSON body too).
        var direct = await StatelessCallAsync(tool, "{" + Meta + "}");
        var throughServerCore = await StatelessCallAsync(tool, "{" + Meta + ""","progressToken":"parity" }""");

        Assert.Equal("12:00", direct["result"]!["structuredContent"]!["time"]!.GetValue<string>());
        Assert.Equal("complete", direct["result"]!["resultType"]!.GetValue<string>());
        Assert.NotNull(direct["result"]!["_meta"]!["io.modelcontextprotocol/serverInfo"]!["name"]);
        Assert.True(JsonNode.DeepEquals(throughServerCore, direct), $"server core: {throughServerCore.ToJsonString()}\ndirect: {direct.ToJsonString()}");
    }

    private async Task<JsonNode> StatelessCallAsync(string tool, string meta)
    {
        using var client = gateway.Host.CreateClient();
        var body = $$$"""{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"{{{tool}}}","arguments":{},"_meta":{{{meta}}}}}""";
        using var response = await client.PostStatelessMcpAsync("mcp", body, "tools/call", tool);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK && response.Content.Headers.ContentType?.MediaType == "application/json", $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    private async Task<string> RegisterAsync(string name, string inputSchema, bool outputSchema = false)
    {
        using var rest = gateway.Host.CreateClient();
        var output = outputSchema ? ""","output_schema":{"type":"object"}""" : string.Empty;
        var body = $$"""{"name":"{{name}}","url":"{{gateway.Upstream.Url("/api/" + name)}}","request_type":"POST","input_schema":{{inputSchema}}{{output}}}""";
        await (await rest.PostJsonAsync("tools", body)).ExpectAsync(HttpStatusCode.Created);
        return name;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(50, Ct);
        }

        Assert.True(condition(), "The condition did not become true within 10 seconds.");
    }
}
