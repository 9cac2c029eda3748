using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using McpGateway.Shared.Protocol;

namespace McpGateway.Fuzz.Tests;

/// <summary>
/// A gateway host with one item of each kind (so that routes with ids have something to find) and an open MCP session
/// for each revision that has sessions. Each fuzz test class gets its own, so that one class's successful changes
/// never reach another class's check that refused requests change nothing.
/// </summary>
public sealed class FuzzGatewayFixture(AzuriteFixture azurite) : GatewayHostFixture(azurite)
{
    public const string ToolName = "fuzz_tool";
    public const string PromptName = "fuzz_greet";
    public const string ResourceUri = "config://fuzz/settings";

    private static readonly string[] CatalogKinds = ["tools", "resources", "prompts", "servers", "gateways", "roots"];

    private HttpClient? client;

    /// <summary>One keep-alive client with the host's credentials, shared by every case.</summary>
    public HttpClient Client => client ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>The ids of the seeded items: a route's <c>{id}</c> is filled with one of these or with an unknown id.</summary>
    public IReadOnlyList<string> Ids { get; private set; } = [];

    public string ServerId { get; private set; } = string.Empty;

    /// <summary>The session id opened for each revision before 2026-07-28.</summary>
    public IReadOnlyDictionary<string, string> Sessions { get; private set; } = new Dictionary<string, string>();

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        client = Host.CreateClient();
        var ids = new List<string>
        {
            await CreateAsync("tools", new JsonObject { ["name"] = ToolName, ["url"] = "http://127.0.0.1:1/fuzz", ["input_schema"] = JsonNode.Parse("""{"type":"object","properties":{"city":{"type":"string"}}}""") }.ToJsonString()),
            await CreateAsync("resources", $$"""{"uri":"{{ResourceUri}}","name":"Fuzz settings","content":"key=value"}"""),
            await CreateAsync("resources", """{"uri":"file:///fuzz/{date}.txt","name":"Fuzz log","content":"Log of {date}","mime_type":"text/plain"}"""),
            await CreateAsync("prompts", $$$"""
                {"name":"{{{PromptName}}}","template":"Hello, {{ user }}!","argument_schema":{"type":"object","properties":{"user":{"type":"string"}},"required":["user"]}}
                """),
            await CreateAsync("roots", """{"uri":"/fuzz-root","name":"Fuzz root"}"""),
        };
        ServerId = await CreateAsync("servers", $$"""{"name":"fuzz_scope","associated_tools":["{{ToolName}}"],"associated_resources":["{{ResourceUri}}"],"associated_prompts":["{{PromptName}}"]}""");
        Ids = [.. ids, ServerId];
        var sessions = new Dictionary<string, string>();
        foreach (var revision in ProtocolRevisions.WithSessions)
        {
            sessions[revision] = await OpenSessionAsync(revision);
        }

        Sessions = sessions;
    }

    public override async ValueTask DisposeAsync()
    {
        client?.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>The catalog as the REST API lists it, without metrics (reads and calls are allowed to count).</summary>
    public async Task<string> SnapshotAsync()
    {
        var parts = new List<string>();
        foreach (var kind in CatalogKinds)
        {
            var list = JsonNode.Parse(await Client.GetStringAsync($"{kind}?include_inactive=true", TestContext.Current.CancellationToken))!.AsArray();
            foreach (var item in list.OfType<JsonObject>())
            {
                item.Remove("metrics");
            }

            parts.Add(list.ToJsonString());
        }

        return string.Join('\n', parts);
    }

    private async Task<string> CreateAsync(string kind, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await Client.PostAsync(kind, content, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return response.StatusCode == HttpStatusCode.Created
            ? (JsonNode.Parse(text)!["id"] ?? JsonNode.Parse(text)!["uri"])!.GetValue<string>() // roots are known by their URI
            : throw new InvalidOperationException($"Seeding {kind} failed with {(int)response.StatusCode}: {text}");
    }

    private async Task<string> OpenSessionAsync(string revision)
    {
        var initialize = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = 0,
            ["method"] = "initialize",
            ["params"] = new JsonObject { ["protocolVersion"] = revision, ["capabilities"] = new JsonObject(), ["clientInfo"] = new JsonObject { ["name"] = "fuzz", ["version"] = "1" } },
        }.ToJsonString();
        using var opened = await PostMcpAsync(initialize, []);
        var text = await opened.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        if (opened.StatusCode != HttpStatusCode.OK || !opened.Headers.TryGetValues("Mcp-Session-Id", out var ids))
        {
            throw new InvalidOperationException($"initialize {revision} failed with {(int)opened.StatusCode}: {text}");
        }

        var sessionId = ids.Single();
        using var initialized = await PostMcpAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""", [("Mcp-Session-Id", sessionId), ("MCP-Protocol-Version", revision)]);
        return initialized.StatusCode == HttpStatusCode.Accepted
            ? sessionId
            : throw new InvalidOperationException($"notifications/initialized {revision} failed with {(int)initialized.StatusCode}.");
    }

    private async Task<HttpResponseMessage> PostMcpAsync(string body, (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "mcp") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Accept", "application/json, text/event-stream");
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await Client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
