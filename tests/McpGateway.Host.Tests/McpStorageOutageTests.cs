using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace McpGateway.Host.Tests;

/// <summary>
/// During a storage outage every MCP method, on every JSON-RPC surface, answers the same documented way: HTTP 503
/// with Retry-After, and the JSON-RPC error -32003 whose data carries retryAfter, for the request's id.
/// </summary>
public sealed class McpStorageOutageTests
{
    private const int StorageUnavailable = -32003;
    private const string Meta = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}";

    [Fact]
    public async Task Every_method_on_every_surface_answers_503_with_the_storage_error()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var azurite = await AzuriteInstance.StartAsync();
        await using var host = await GatewayHostProcess.StartAsync(azurite.ConnectionString);
        using var client = host.CreateClient();
        await (await client.PostJsonAsync("tools", """{"name":"outage_tool","url":"http://127.0.0.1:1/x"}""")).ExpectAsync(HttpStatusCode.Created);
        var server = await (await client.PostJsonAsync("servers", """{"name":"outage-server","associated_tools":["outage_tool"]}""")).ExpectAsync(HttpStatusCode.Created);
        var serverId = server["id"]!.GetValue<string>();
        var sessionId = await InitializeAsync(client);

        await azurite.StopAsync();

        var requests = new (string Case, Func<int, HttpRequestMessage> Request)[]
        {
            ("/mcp tools/list", id => Stateless("mcp", id, "tools/list", null, "{" + Meta + "}")),
            ("/mcp tools/call", id => Stateless("mcp", id, "tools/call", "outage_tool", """{"name":"outage_tool","arguments":{},""" + Meta + "}")),
            ("/mcp resources/list", id => Stateless("mcp", id, "resources/list", null, "{" + Meta + "}")),
            ("/mcp resources/read", id => Stateless("mcp", id, "resources/read", "config://x", """{"uri":"config://x",""" + Meta + "}")),
            ("/mcp prompts/list", id => Stateless("mcp", id, "prompts/list", null, "{" + Meta + "}")),
            ("/mcp prompts/get", id => Stateless("mcp", id, "prompts/get", "greet", """{"name":"greet",""" + Meta + "}")),
            ("/servers/{id}/mcp tools/list", id => Stateless($"servers/{serverId}/mcp", id, "tools/list", null, "{" + Meta + "}")),
            ("/mcp session tools/list", id => InSession(sessionId, id, "tools/list")),
            ("/rpc tools/list", id => Rpc(id, "tools/list")),
            ("/rpc list_tools", id => Rpc(id, "list_tools")),
            ("/rpc a tool by name", id => Rpc(id, "outage_tool")),
        };

        for (var id = 1; id <= requests.Length; id++)
        {
            var (name, request) = requests[id - 1];
            using var message = request(id);
            var response = await client.SendAsync(message, cancellation);
            var text = await response.Content.ReadAsStringAsync(cancellation);

            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{name}: expected 503, got {(int)response.StatusCode}: {text}");
            Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"{name}: no Retry-After");
            var answer = LastMessage(response, text);
            Assert.Equal(id, answer["id"]!.GetValue<int>());
            Assert.Equal(StorageUnavailable, answer["error"]!["code"]!.GetValue<int>());
            Assert.Equal(response.Headers.RetryAfter!.Delta!.Value.TotalSeconds, answer["error"]!["data"]!["retryAfter"]!.GetValue<int>());
        }
    }

    private static HttpRequestMessage Stateless(string path, int id, string method, string? routingName, string parameters)
    {
        var request = Post(path, $$"""{"jsonrpc":"2.0","id":{{id}},"method":"{{method}}","params":{{parameters}}}""");
        request.Headers.TryAddWithoutValidation("MCP-Protocol-Version", "2026-07-28");
        request.Headers.TryAddWithoutValidation("Mcp-Method", method);
        if (routingName is not null)
        {
            request.Headers.TryAddWithoutValidation("Mcp-Name", routingName);
        }

        return request;
    }

    private static HttpRequestMessage InSession(string sessionId, int id, string method)
    {
        var request = Post("mcp", $$"""{"jsonrpc":"2.0","id":{{id}},"method":"{{method}}"}""");
        request.Headers.TryAddWithoutValidation("Mcp-Session-Id", sessionId);
        request.Headers.TryAddWithoutValidation("MCP-Protocol-Version", "2025-06-18");
        return request;
    }

    private static HttpRequestMessage Rpc(int id, string method) =>
        new(HttpMethod.Post, "rpc") { Content = new StringContent($$"""{"jsonrpc":"2.0","id":{{id}},"method":"{{method}}"}""", Encoding.UTF8, "application/json") };

    private static HttpRequestMessage Post(string path, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Accept", "application/json, text/event-stream");
        return request;
    }

    private static async Task<string> InitializeAsync(HttpClient client)
    {
        using var request = Post("mcp", """
            {"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}
            """);
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.GetValues("Mcp-Session-Id").Single();
    }

    /// <summary>The JSON-RPC message of a JSON or SSE response (the last one an SSE stream sent).</summary>
    private static JsonNode LastMessage(HttpResponseMessage response, string text) =>
        JsonNode.Parse(response.Content.Headers.ContentType?.MediaType == "text/event-stream"
            ? text.Split('\n').Where(l => l.StartsWith("data:", StringComparison.Ordinal)).Select(l => l[5..]).Last()
            : text)!;
}
