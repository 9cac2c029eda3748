using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace McpGateway.AdminUi.Tests;

/// <summary>Composing a virtual server from the catalog, and the configuration a client needs to reach it.</summary>
public sealed class AdminServersTests(BrowserFixture browser, AdminUiHostFixture gateway) : IClassFixture<AdminUiHostFixture>
{
    [Fact]
    public async Task A_server_composed_from_tools_resources_and_prompts_shows_its_endpoint_and_client_configuration()
    {
        var ct = TestContext.Current.CancellationToken;
        using var api = gateway.Host.CreateClient();
        var tool = await CreateAsync(api, "tools", new { name = "srv_tool", url = gateway.Backend.EchoUrl }, ct);
        await CreateAsync(api, "tools", new { name = "srv_unused", url = gateway.Backend.EchoUrl }, ct);
        var resource = await CreateAsync(api, "resources", new { uri = "docs://srv/readme", name = "Readme", content = "read me" }, ct);
        var prompt = await CreateAsync(api, "prompts", new { name = "srv_prompt", template = "Hello {{ name }}", arguments = new[] { new { name = "name" } } }, ct);
        await using var ui = await AdminUiPage.SignedInAsync(browser, gateway.Host, nameof(A_server_composed_from_tools_resources_and_prompts_shows_its_endpoint_and_client_configuration));
        var page = ui.Page;
        await ui.GoToAsync("Virtual servers", "Virtual servers");

        await page.GetByRole(AriaRole.Button, new() { Name = "New server" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("ui_bundle");
        await page.GetByLabel("Description").FillAsync("Composed in the browser");
        await page.GetByLabel("srv_tool").CheckAsync();
        await page.GetByLabel("docs://srv/readme").CheckAsync();
        await page.GetByLabel("srv_prompt").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save server" }).ClickAsync();

        await Assertions.Expect(ui.Row("ui_bundle")).ToContainTextAsync("1 tools, 1 resources, 1 prompts");
        var server = (await api.GetFromJsonAsync<JsonObject>("servers/ui_bundle", ct))!;
        Assert.Equal([tool], server["associatedTools"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal([resource], server["associatedResources"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal([prompt], server["associatedPrompts"]!.AsArray().Select(n => n!.GetValue<string>()));

        var endpoint = new Uri(gateway.Host.BaseAddress, $"servers/{server["id"]}/mcp").ToString();
        await Assertions.Expect(page.GetByTestId("server-endpoint")).ToHaveTextAsync(endpoint);
        var config = JsonNode.Parse(await page.GetByTestId("server-http-config").TextContentAsync() ?? "")!;
        Assert.Equal(endpoint, config["mcpServers"]!["ui_bundle"]!["url"]!.GetValue<string>());
        await Assertions.Expect(page.GetByTestId("server-stdio-config")).ToContainTextAsync("mcp-remote");

        // The endpoint serves exactly the composed tools.
        var tools = await ListToolsAsync(api, endpoint, ct);
        Assert.Equal(["srv_tool"], tools);
        await ui.FinishAsync();
    }

    private static async Task<string> CreateAsync(HttpClient api, string kind, object body, CancellationToken ct)
    {
        var response = await api.PostAsJsonAsync(kind, body, ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!["id"]!.GetValue<string>();
    }

    private static async Task<IReadOnlyList<string>> ListToolsAsync(HttpClient api, string endpoint, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = JsonContent.Create(JsonNode.Parse("""
                {"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}}}
                """)),
        };
        request.Headers.Add("MCP-Protocol-Version", "2026-07-28");
        request.Headers.Add("Mcp-Method", "tools/list");
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await api.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        var text = await response.Content.ReadAsStringAsync(ct);
        var json = text.StartsWith('{') ? text : text.Split('\n').First(l => l.StartsWith("data:", StringComparison.Ordinal))[5..];
        return JsonNode.Parse(json)!["result"]!["tools"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).ToList();
    }
}
