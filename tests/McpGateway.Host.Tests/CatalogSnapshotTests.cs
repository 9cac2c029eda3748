using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace McpGateway.Host.Tests;

/// <summary>
/// Two gateway instances on one storage account, as a scaled-out deployment runs: each answers from its own in-memory
/// catalog, a write on one is visible on the other within the follow interval, and the second instance's storage
/// traffic (seen through a <see cref="StorageProxy"/>) holds nothing but its background work while it serves requests.
/// </summary>
public sealed class CatalogSnapshotTests(TwoInstanceFixture instances) : IClassFixture<TwoInstanceFixture>
{
    /// <summary>The issue's bound is 1 s; the margin keeps a loaded CI machine from failing the test (the benchmark reports the figure).</summary>
    private static readonly TimeSpan VisibilityBound = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The tables whose requests are background work: the event log the follower reads, metric roll-up flushes, job
    /// leases and the sign-out log (read once a second by <c>SignedOutSessions</c>).
    /// </summary>
    private static readonly string[] BackgroundTables = ["events", "metricrollups", "jobs", "signouts"];

    private readonly HttpClient writer = instances.First.CreateClient();
    private readonly HttpClient reader = instances.Second.CreateClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_tool_created_renamed_and_deleted_on_one_instance_is_seen_so_on_the_other_within_the_bound()
    {
        var name = Unique("visible");
        var id = (await (await writer.PostJsonAsync("tools", ToolJson(name, instances.Backend.EchoUrl))).ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
        var seenAfter = await TimeUntilAsync(async () => (await ListedToolNamesAsync()).Contains(name));
        TestContext.Current.SendDiagnosticMessage($"created on one instance, listed by tools/list on the other after {seenAfter.TotalMilliseconds:F0} ms");
        Assert.True(seenAfter <= VisibilityBound, $"visible after {seenAfter}");
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"tools/{id}", Ct)).StatusCode);

        var renamed = Unique("renamed");
        await (await writer.PutJsonAsync($"tools/{id}", $$"""{"name":"{{renamed}}"}""")).ExpectAsync(HttpStatusCode.OK);
        await TimeUntilAsync(async () => (await ListedToolNamesAsync()) is var names && names.Contains(renamed) && !names.Contains(name));

        await (await writer.DeleteAsync($"tools/{id}", Ct)).ExpectAsync(HttpStatusCode.OK);
        var goneAfter = await TimeUntilAsync(async () => (await reader.GetAsync($"tools/{id}", Ct)).StatusCode == HttpStatusCode.NotFound);
        Assert.True(goneAfter <= VisibilityBound, $"gone after {goneAfter}");
        Assert.DoesNotContain(renamed, await ListedToolNamesAsync());
    }

    [Fact]
    public async Task Serving_reads_and_tool_calls_on_every_path_makes_no_storage_request_but_background_work()
    {
        var tool = Unique("steady");
        var prompt = Unique("steady-prompt");
        var uri = $"file:///{Unique("steady")}.txt";
        var toolId = (await (await writer.PostJsonAsync("tools", ToolJson(tool, instances.Backend.EchoUrl))).ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
        await (await writer.PostJsonAsync("prompts", $$"""{"name":"{{prompt}}","template":"Hello {{"{{"}} user {{"}}"}}","arguments":[{"name":"user","required":true}]}""")).ExpectAsync(HttpStatusCode.Created);
        await (await writer.PostJsonAsync("resources", $$"""{"uri":"{{uri}}","name":"{{Unique("doc")}}","content":"steady content"}""")).ExpectAsync(HttpStatusCode.Created);
        await TimeUntilAsync(async () => (await ListedToolNamesAsync()).Contains(tool) && (await RpcAsync("resources/read", new JsonObject { ["uri"] = uri }))["result"] is not null);

        // Once warm (each path used once, and the calls' first metrics flush made, which creates its table), the same
        // requests again: only background tables may be asked.
        await ServeEveryReadAsync(tool, toolId, prompt, uri);
        await TimeUntilAsync(() => Task.FromResult(instances.SecondStorage.RequestsSince(0).Any(line => OnTable(line, "metricrollups"))));
        var mark = instances.SecondStorage.RequestCount;
        Assert.True(mark > 0, "the proxy saw none of the second instance's storage requests (its catalog load went elsewhere)");
        await ServeEveryReadAsync(tool, toolId, prompt, uri);

        // A batch's own line names no table: the lines of its operations, recorded with it, are judged instead.
        var requestPath = instances.SecondStorage.RequestsSince(mark)
            .Where(line => !line.Contains("/$batch ", StringComparison.Ordinal) && !BackgroundTables.Any(table => OnTable(line, table)))
            .ToList();
        Assert.True(requestPath.Count == 0, "storage requests on the request path:\n" + string.Join('\n', requestPath));
    }

    private bool OnTable(string requestLine, string table) => requestLine.Contains($"/{instances.Prefix}{table}", StringComparison.Ordinal);

    private async Task ServeEveryReadAsync(string tool, string toolId, string prompt, string uri)
    {
        foreach (var path in new[] { "tools", $"tools/{toolId}", "prompts", "resources", "servers", "gateways", "roots", "metrics" })
        {
            await (await reader.GetAsync(path, Ct)).ExpectAsync(HttpStatusCode.OK);
        }

        Assert.Null((await RpcAsync("tools/call", new JsonObject { ["name"] = tool, ["arguments"] = new JsonObject { ["text"] = "hi" } }))["error"]);
        Assert.NotNull((await RpcAsync("prompts/get", new JsonObject { ["name"] = prompt, ["arguments"] = new JsonObject { ["user"] = "Ada" } }))["result"]);
        Assert.NotNull((await RpcAsync("resources/read", new JsonObject { ["uri"] = uri }))["result"]);
        foreach (var method in new[] { "tools/list", "prompts/list", "resources/list", "resources/templates/list", "ping" })
        {
            Assert.NotNull((await RpcAsync(method, new JsonObject()))["result"]);
        }
    }

    private async Task<HashSet<string>> ListedToolNamesAsync()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        string? cursor = null;
        do
        {
            var result = (await RpcAsync("tools/list", cursor is null ? new JsonObject() : new JsonObject { ["cursor"] = cursor }))["result"]!;
            names.UnionWith(result["tools"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()));
            cursor = result["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);

        return names;
    }

    private async Task<JsonNode> RpcAsync(string method, JsonObject parameters) =>
        await (await reader.PostJsonAsync("rpc", new JsonObject { ["jsonrpc"] = "2.0", ["id"] = 1, ["method"] = method, ["params"] = parameters }.ToJsonString()))
            .ExpectAsync(HttpStatusCode.OK);

    /// <summary>How long until <paramref name="condition"/> held, checked every 20 ms (failing after a minute).</summary>
    private static async Task<TimeSpan> TimeUntilAsync(Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1), "the condition did not hold within a minute");
            await Task.Delay(20, Ct);
        }

        return clock.Elapsed;
    }

    private static string ToolJson(string name, Uri url) => $$"""{"name":"{{name}}","url":"{{url}}","request_type":"POST"}""";

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..24];
}

/// <summary>Azurite, a REST echo backend and two gateway hosts sharing one storage prefix; the second reaches storage through proxies.</summary>
public sealed class TwoInstanceFixture : IAsyncLifetime
{
    private AzuriteInstance? azurite;
    private StorageProxy? blobs;

    public GatewayHostProcess First { get; private set; } = null!;

    public GatewayHostProcess Second { get; private set; } = null!;

    /// <summary>The second instance's table traffic.</summary>
    public StorageProxy SecondStorage { get; private set; } = null!;

    public RestBackendProcess Backend { get; private set; } = null!;

    public string Prefix { get; } = "two" + Guid.NewGuid().ToString("N")[..10];

    public async ValueTask InitializeAsync()
    {
        azurite = await AzuriteInstance.StartAsync();
        Backend = await RestBackendProcess.StartAsync();
        SecondStorage = StorageProxy.Start(azurite.TablePort);
        blobs = StorageProxy.Start(azurite.BlobPort);
        var settings = new Dictionary<string, string?> { ["STORAGE_PREFIX"] = Prefix, ["TOOL_RATE_LIMIT"] = "100000" };
        First = await GatewayHostProcess.StartAsync(azurite.ConnectionString, settings);
        Second = await GatewayHostProcess.StartAsync(blobs.Route(SecondStorage.Route(azurite.ConnectionString, azurite.TablePort), azurite.BlobPort), settings);
    }

    public async ValueTask DisposeAsync()
    {
        await Second.DisposeAsync();
        await First.DisposeAsync();
        await SecondStorage.DisposeAsync();
        if (blobs is not null)
        {
            await blobs.DisposeAsync();
        }

        await Backend.DisposeAsync();
        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }
    }
}
