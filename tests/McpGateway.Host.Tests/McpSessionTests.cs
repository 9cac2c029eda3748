using System.Net;
using System.Text;

namespace McpGateway.Host.Tests;

/// <summary>Sessions of pre-2026 clients live in storage: any instance continues them; DELETE ends them; origins are checked.</summary>
public sealed class McpSessionTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_session_opened_on_one_instance_continues_on_another_and_ends_on_delete_there_and_within_the_refresh_interval_here()
    {
        var shared = new Dictionary<string, string?> { ["STORAGE_PREFIX"] = "s" + Guid.NewGuid().ToString("N")[..12], ["MCP_SESSION_REFRESH_INTERVAL"] = "1" };
        await using var first = await GatewayHostProcess.StartAsync(azurite.ConnectionString, shared);
        await using var second = await GatewayHostProcess.StartAsync(azurite.ConnectionString, shared);
        using var toFirst = first.CreateClient();
        using var toSecond = second.CreateClient();
        await (await toFirst.PostJsonAsync("resources", """{"uri":"config://shared/one","name":"Shared","content":"both see me"}""")).ExpectAsync(HttpStatusCode.Created);

        var initialize = await PostAsync(toFirst, """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""");
        Assert.Equal(HttpStatusCode.OK, initialize.StatusCode);
        var sessionId = initialize.Headers.GetValues("Mcp-Session-Id").Single();

        var read = await PostAsync(toSecond, """{"jsonrpc":"2.0","id":2,"method":"resources/read","params":{"uri":"config://shared/one"}}""", sessionId);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Contains("both see me", await read.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        using (var delete = new HttpRequestMessage(HttpMethod.Delete, "mcp"))
        {
            delete.Headers.Add("Mcp-Session-Id", sessionId);
            Assert.Equal(HttpStatusCode.OK, (await toSecond.SendAsync(delete, Ct)).StatusCode);
        }

        // The first instance holds the session in memory: it sees the end when it next checks storage (each second here).
        await first.WaitUntilAsync(
            async () => (await PostAsync(toFirst, """{"jsonrpc":"2.0","id":3,"method":"ping"}""", sessionId)).StatusCode == HttpStatusCode.NotFound, Ct);
    }

    [Fact]
    public async Task A_session_belongs_to_the_user_that_opened_it_and_to_its_endpoint()
    {
        await using var host = await GatewayHostProcess.StartAsync(azurite.ConnectionString);
        using var basic = host.CreateClient();
        var initialize = await PostAsync(basic, """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""");
        var sessionId = initialize.Headers.GetValues("Mcp-Session-Id").Single();

        var token = await MintTokenAsync("someone-else");
        using var other = host.CreateClient(new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token));
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(other, """{"jsonrpc":"2.0","id":2,"method":"ping"}""", sessionId)).StatusCode);

        var server = await (await basic.PostJsonAsync("servers", """{"name":"elsewhere"}""")).ExpectAsync(HttpStatusCode.Created);
        var wrongEndpoint = await PostAsync(basic, """{"jsonrpc":"2.0","id":3,"method":"ping"}""", sessionId, $"servers/{server["id"]}/mcp");
        Assert.Equal(HttpStatusCode.NotFound, wrongEndpoint.StatusCode);
    }

    [Theory]
    [InlineData("http://evil.example", HttpStatusCode.Forbidden)]
    [InlineData("http://localhost:4444", HttpStatusCode.OK)]
    public async Task Browser_origins_must_be_allowed(string origin, HttpStatusCode expected)
    {
        await using var host = await GatewayHostProcess.StartAsync(azurite.ConnectionString);
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "mcp")
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Accept", "application/json, text/event-stream");
        request.Headers.TryAddWithoutValidation("Origin", origin);
        Assert.Equal(expected, (await client.SendAsync(request, Ct)).StatusCode);
    }

    private async Task<string> MintTokenAsync(string user)
    {
        var settings = GatewayHostProcess.Settings(azurite.ConnectionString, "mint", FreePorts.Take(1)[0]);
        await using var command = GatewayHostProcess.Start(settings, "token", "-u", user);
        Assert.Equal(0, await command.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        return command.Output.Trim().Split('\n')[^1].Trim();
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string body, string? sessionId = null, string path = "mcp")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Accept", "application/json, text/event-stream");
        if (sessionId is not null)
        {
            request.Headers.TryAddWithoutValidation("Mcp-Session-Id", sessionId);
        }

        var response = await client.SendAsync(request, Ct);
        await response.Content.LoadIntoBufferAsync(Ct);
        return response;
    }
}
