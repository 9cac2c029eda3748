using McpGateway.Shared.Catalog.Gateways;
using McpGateway.Shared.Catalog.Prompts;
using McpGateway.Shared.Catalog.Resources;
using McpGateway.Shared.Catalog.Servers;
using McpGateway.Shared.Catalog.Snapshot;
using McpGateway.Shared.Catalog.Tools;
using McpGateway.Shared.Protocol;
using static McpGateway.Shared.Tests.Catalog.Snapshot.SnapshotItems;

namespace McpGateway.Shared.Tests.Catalog.Snapshot;

/// <summary>The MCP view of the catalog over in-memory snapshots: what each scope lists, in which order, page by page.</summary>
public sealed class McpCatalogTests
{
    private readonly KindSnapshot<ToolRecord> tools = new();
    private readonly KindSnapshot<ResourceRecord> resources = new();
    private readonly KindSnapshot<PromptRecord> prompts = new();
    private readonly KindSnapshot<ServerRecord> servers = new();
    private readonly KindSnapshot<PeerGatewayRecord> gateways = new();
    private readonly ICatalogSnapshot catalog;

    public McpCatalogTests() => catalog = new McpCatalog(tools, resources, prompts, servers, gateways, new AlwaysReady());

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Tools_list_pages_by_name_and_leaves_out_disabled_unreachable_and_hidden_gateways_tools()
    {
        for (var i = 0; i < 250; i++)
        {
            tools.Committed(Entry(Tool($"t{i}", $"tool-{249 - i:D3}")));
        }

        tools.Committed(Entry(Tool("off", "tool-off") with { Enabled = false }));
        tools.Committed(Entry(Tool("down", "tool-down") with { Reachable = false }));
        tools.Committed(Entry(Tool("peer", "tool-peer") with { GatewayId = "g1" }));
        gateways.Committed(Entry(Gateway("g1", enabled: false)));

        var (names, pages) = await ListAllToolNamesAsync();
        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 250).Select(i => $"tool-{i:D3}"), names);

        gateways.Committed(Entry(Gateway("g1")));
        Assert.Equal("tool-peer", (await ListAllToolNamesAsync()).Names[^1]);
    }

    private async Task<(List<string> Names, int Pages)> ListAllToolNamesAsync()
    {
        var names = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var (page, next) = await catalog.ToolPageAsync(CatalogScope.Everything, cursor, Cancel);
            names.AddRange(page.Select(t => t.Name));
            cursor = next;
            pages++;
        }
        while (cursor is not null);

        return (names, pages);
    }

    [Fact]
    public async Task A_virtual_server_lists_and_finds_only_its_own_tools()
    {
        tools.Committed(Entry(Tool("a", "zeta")));
        tools.Committed(Entry(Tool("b", "alpha")));
        tools.Committed(Entry(Tool("c", "other")));
        servers.Committed(Entry(Server("s1", "bundle", "a", "b", "missing")));

        var scope = await catalog.ScopeAsync("bundle", Cancel);

        Assert.NotNull(scope);
        Assert.Equal("s1", scope.ServerId);
        var (page, next) = await catalog.ToolPageAsync(scope, null, Cancel);
        Assert.Equal(["alpha", "zeta"], page.Select(t => t.Name));
        Assert.Null(next);
        Assert.NotNull(await catalog.FindToolAsync(scope, "zeta", Cancel));
        Assert.Null(await catalog.FindToolAsync(scope, "other", Cancel));
        Assert.NotNull(await catalog.FindToolAsync(CatalogScope.Everything, "other", Cancel));
    }

    [Fact]
    public async Task A_disabled_or_unknown_server_has_no_scope()
    {
        servers.Committed(Entry(Server("s1", "off") with { Enabled = false }));

        Assert.Null(await catalog.ScopeAsync("off", Cancel));
        Assert.Null(await catalog.ScopeAsync("s1", Cancel));
        Assert.Null(await catalog.ScopeAsync("nothing", Cancel));
        Assert.Same(CatalogScope.Everything, await catalog.ScopeAsync(null, Cancel));
    }

    [Fact]
    public async Task Resources_and_templates_list_apart_and_a_resource_is_found_by_its_uri()
    {
        resources.Committed(Entry(Resource("r2", "file:///b")));
        resources.Committed(Entry(Resource("r1", "file:///a")));
        resources.Committed(Entry(Resource("t1", "file:///{name}", template: true)));

        var (concrete, _) = await catalog.ResourcePageAsync(CatalogScope.Everything, null, Cancel);
        var (templates, _) = await catalog.ResourceTemplatePageAsync(CatalogScope.Everything, null, Cancel);

        Assert.Equal(["file:///a", "file:///b"], concrete.Select(r => r.Uri));
        Assert.Equal(["t1"], templates.Select(r => r.Id));
        Assert.Equal("r2", (await catalog.FindResourceAsync(CatalogScope.Everything, "file:///b", Cancel))!.Document.Id);
        Assert.Null(await catalog.FindResourceAsync(CatalogScope.Everything, "file:///c", Cancel));
    }

    [Fact]
    public async Task Prompts_are_found_by_name_only_when_enabled()
    {
        prompts.Committed(Entry(Prompt("p1", "greet")));
        prompts.Committed(Entry(Prompt("p2", "hidden") with { Enabled = false }));

        Assert.Equal("p1", (await catalog.FindPromptAsync(CatalogScope.Everything, "greet", Cancel))!.Id);
        Assert.Null(await catalog.FindPromptAsync(CatalogScope.Everything, "hidden", Cancel));
        var (page, _) = await catalog.PromptPageAsync(CatalogScope.Everything, null, Cancel);
        Assert.Equal(["greet"], page.Select(p => p.Name));
    }

    private sealed class AlwaysReady : ICatalogReadiness
    {
        public ValueTask WaitAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
