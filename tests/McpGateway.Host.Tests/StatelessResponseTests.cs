using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace McpGateway.Host.Tests;

/// <summary>
/// How a stateless (2026-07-28) POST is answered: a request whose response is all there is gets it as one JSON body
/// with its length; a call that streams progress before its result gets an event stream, each event as it happens.
/// </summary>
public sealed class StatelessResponseTests(McpCatalogFixture gateway) : IClassFixture<McpCatalogFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_request_answered_at_once_gets_its_response_as_one_json_body()
    {
        using var response = await PostAsync("server/discover", null, """{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(Encoding.UTF8.GetByteCount(body), response.Content.Headers.ContentLength);
        var answer = JsonNode.Parse(body)!;
        Assert.Equal(7, answer["id"]!.GetValue<int>());
        Assert.NotNull(answer["result"]!["capabilities"]);
    }

    [Fact]
    public async Task A_call_that_reports_progress_streams_each_notification_before_its_result()
    {
        await using var upstream = await TestMcpServer.StartAsync();
        using var rest = gateway.Host.CreateClient();
        var registered = await (await rest.PostJsonAsync("gateways", ApiClientExtensions.Json(new { name = "streamed", url = upstream.Endpoint.ToString() })))
            .ExpectAsync(HttpStatusCode.Created);

        using var response = await PostAsync("tools/call", "streamed-slow", """
            {"name":"streamed-slow","arguments":{"steps":2},
             "_meta":{"progressToken":"p1","io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}}
            """);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var messages = (await response.Content.ReadAsStringAsync(Ct)).Split('\n')
            .Where(line => line.StartsWith("data:", StringComparison.Ordinal))
            .Select(line => JsonNode.Parse(line[5..])!)
            .ToList();
        Assert.Equal(["notifications/progress", "notifications/progress"], messages.SkipLast(1).Select(m => m["method"]!.GetValue<string>()));
        Assert.Equal("done after 2 steps", messages[^1]["result"]!["content"]![0]!["text"]!.GetValue<string>());
        await (await rest.DeleteAsync($"gateways/{registered["id"]}", Ct)).ExpectAsync(HttpStatusCode.OK);
    }

    private async Task<HttpResponseMessage> PostAsync(string method, string? name, string parameters)
    {
        using var client = gateway.Host.CreateClient();
        return await client.PostStatelessMcpAsync("mcp", $$"""{"jsonrpc":"2.0","id":7,"method":"{{method}}","params":{{parameters}}}""", method, name);
    }
}
