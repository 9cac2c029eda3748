using System.Runtime.CompilerServices;
using McpGateway.Shared.Catalog;
using McpGateway.Shared.Catalog.Gateways;
using McpGateway.Shared.Catalog.Prompts;
using McpGateway.Shared.Catalog.Resources;
using McpGateway.Shared.Catalog.Servers;
using McpGateway.Shared.Catalog.Snapshot;
using McpGateway.Shared.Catalog.Tools;
using McpGateway.Shared.Storage;

namespace McpGateway.Shared.Protocol;

/// <summary>
/// <see cref="ICatalogSnapshot"/> over the kinds' snapshots: each list pages through an index sorted the way MCP
/// lists are (tools and prompts by name, resources and templates by URI), starting at the cursor by binary search;
/// a virtual server's list sorts only the items it bundles.
/// </summary>
public sealed class McpCatalog : ICatalogSnapshot
{
    private readonly ICatalogReadiness readiness;
    private readonly KindSnapshot<ToolRecord> tools;
    private readonly KindSnapshot<ResourceRecord> resources;
    private readonly KindSnapshot<PromptRecord> prompts;
    private readonly KindSnapshot<ServerRecord> servers;
    private readonly KindSnapshot<PeerGatewayRecord> gateways;
    private readonly SortedIndex<ToolRecord> toolsByName;
    private readonly SortedIndex<ResourceRecord> resourcesByUri;
    private readonly SortedIndex<ResourceRecord> templatesByUri;
    private readonly SortedIndex<PromptRecord> promptsByName;
    private readonly SortedIndex<PeerGatewayRecord> allGateways;

    /// <summary>Each virtual server's scope, made once per version of its record (a change replaces the record).</summary>
    private readonly ConditionalWeakTable<ServerRecord, CatalogScope> serverScopes = [];

    public McpCatalog(ToolService tools, ResourceService resources, PromptService prompts, ServerService servers, PeerGatewayService gateways, ICatalogReadiness readiness)
        : this(tools.Snapshot, resources.Snapshot, prompts.Snapshot, servers.Snapshot, gateways.Snapshot, readiness)
    {
    }

    public McpCatalog(
        KindSnapshot<ToolRecord> tools,
        KindSnapshot<ResourceRecord> resources,
        KindSnapshot<PromptRecord> prompts,
        KindSnapshot<ServerRecord> servers,
        KindSnapshot<PeerGatewayRecord> gateways,
        ICatalogReadiness readiness)
    {
        this.readiness = readiness;
        this.tools = tools;
        this.resources = resources;
        this.prompts = prompts;
        this.servers = servers;
        this.gateways = gateways;
        toolsByName = tools.AddIndex(new SortedIndex<ToolRecord>(t => t.Name));
        resourcesByUri = resources.AddIndex(new SortedIndex<ResourceRecord>(r => r.Uri, r => !r.IsTemplate));
        templatesByUri = resources.AddIndex(new SortedIndex<ResourceRecord>(r => r.Uri, r => r.IsTemplate));
        promptsByName = prompts.AddIndex(new SortedIndex<PromptRecord>(p => p.Name));
        allGateways = gateways.AddIndex(new SortedIndex<PeerGatewayRecord>(g => g.Id));
    }

    public async Task<CatalogScope?> ScopeAsync(string? serverIdOrName, CancellationToken cancellationToken)
    {
        await readiness.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (serverIdOrName is null)
        {
            return CatalogScope.Everything;
        }

        var server = (servers.Find(serverIdOrName) ?? servers.FindByKey("name", serverIdOrName))?.Document;
        return server is { Enabled: true }
            ? serverScopes.GetValue(server, enabled => CatalogScope.ForServer(enabled.Id, enabled.AssociatedTools, enabled.AssociatedResources, enabled.AssociatedPrompts))
            : null;
    }

    public async Task<(IReadOnlyList<ToolRecord> Page, string? NextCursor)> ToolPageAsync(CatalogScope scope, string? cursor, CancellationToken cancellationToken)
    {
        await readiness.WaitAsync(cancellationToken).ConfigureAwait(false);
        var hidden = HiddenGateways();
        return McpCursor.Page(
            after => InOrder(tools, toolsByName, scope.Members(CatalogKind.Tools), after)
                .Where(t => t.Enabled && t.Reachable && !hidden.Contains(t.GatewayId ?? string.Empty)),
            t => t.Name,
            cursor);
    }

    public async Task<ToolRecord?> FindToolAsync(CatalogScope scope, string name, CancellationToken cancellationToken)
    {
        await readiness.WaitAsync(cancellationToken).ConfigureAwait(false);
        var tool = tools.FindByKey("name", name)?.Document;
        return tool is { Enabled: true, Reachable: true } && scope.Includes(CatalogKind.Tools, tool.Id) ? tool : null;
    }

    public Task<(IReadOnlyList<ResourceRecord> Page, string? NextCursor)> ResourcePageAsync(CatalogScope scope, string? cursor, CancellationToken cancellationToken) =>
        ResourcePageAsync(resourcesByUri, scope, cursor, cancellationToken);

    public Task<(IReadOnlyList<ResourceRecord> Page, string? NextCursor)> ResourceTemplatePageAsync(CatalogScope scope, string? cursor, CancellationToken cancellationToken) =>
        ResourcePageAsync(templatesByUri, scope, cursor, cancellationToken);

    public async Task<IReadOnlyList<ResourceRecord>> ResourcesAsync(CatalogScope scope, CancellationToken cancellationToken)
    {
        await readiness.WaitAsync(cancellationToken).ConfigureAwait(false);
        return VisibleResources(resourcesByUri, scope, null).ToList();
    }

    public async Task<IReadOnlyList<ResourceRecord>> ResourceTemplatesAsync(CatalogScope scope, CancellationToken cancellationToken)
    {
        await readiness.WaitAsync(cancellationToken).ConfigureAwait(false);
        return VisibleResources(templatesByUri, scope, null).ToList();
    }

    public async Task<CatalogEntry<ResourceRecord>?> FindResourceAsync(CatalogScope scope, string uri, CancellationToken cancellationToken)
    {
        await readiness.WaitAsync(cancellationToken).ConfigureAwait(false);
        var entry = resources.FindByKey("uri", uri);
        return entry is { Document.Enabled: true } && scope.Includes(CatalogKind.Resources, entry.Document.Id) ? entry : null;
    }

    public async Task<(IReadOnlyList<PromptRecord> Page, string? NextCursor)> PromptPageAsync(CatalogScope scope, string? cursor, CancellationToken cancellationToken)
    {
        await readiness.WaitAsync(cancellationToken).ConfigureAwait(false);
        var hidden = HiddenGateways();
        return McpCursor.Page(
            after => InOrder(prompts, promptsByName, scope.Members(CatalogKind.Prompts), after)
                .Where(p => p.Enabled && !hidden.Contains(p.GatewayId ?? string.Empty)),
            p => p.Name,
            cursor);
    }

    public async Task<PromptRecord?> FindPromptAsync(CatalogScope scope, string name, CancellationToken cancellationToken)
    {
        await readiness.WaitAsync(cancellationToken).ConfigureAwait(false);
        var prompt = prompts.FindByKey("name", name)?.Document;
        return prompt is { Enabled: true } && scope.Includes(CatalogKind.Prompts, prompt.Id) ? prompt : null;
    }

    private async Task<(IReadOnlyList<ResourceRecord> Page, string? NextCursor)> ResourcePageAsync(
        SortedIndex<ResourceRecord> index, CatalogScope scope, string? cursor, CancellationToken cancellationToken)
    {
        await readiness.WaitAsync(cancellationToken).ConfigureAwait(false);
        return McpCursor.Page(after => VisibleResources(index, scope, after), r => r.Uri, cursor);
    }

    private IEnumerable<ResourceRecord> VisibleResources(SortedIndex<ResourceRecord> index, CatalogScope scope, string? after)
    {
        var hidden = HiddenGateways();
        return InOrder(resources, index, scope.Members(CatalogKind.Resources), after)
            .Where(r => r.Enabled && !hidden.Contains(r.GatewayId ?? string.Empty));
    }

    /// <summary>Peer gateways whose items leave the lists: switched off, or marked unreachable by the health check.</summary>
    private HashSet<string> HiddenGateways() =>
        allGateways.After(null).Select(e => e.Document).Where(g => !g.Enabled || !g.Reachable).Select(g => g.Id).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The items of <paramref name="index"/> after a key: the whole catalog's straight from the index, a virtual server's
    /// (at most <see cref="ServerService.MaxAssociations"/>) sorted on the spot.
    /// </summary>
    private static IEnumerable<T> InOrder<T>(KindSnapshot<T> snapshot, SortedIndex<T> index, IReadOnlySet<string>? members, string? after)
        where T : class, ICatalogDocument
    {
        if (members is null)
        {
            return index.After(after).Select(e => e.Document);
        }

        return members
            .Select(snapshot.Find)
            .OfType<CatalogEntry<T>>()
            .Select(e => e.Document)
            .Where(index.Includes)
            .Select(document => (Key: index.KeyOf(document), Document: document))
            .Where(item => after is null || string.CompareOrdinal(item.Key, after) > 0)
            .OrderBy(item => item.Key, StringComparer.Ordinal)
            .ThenBy(item => item.Document.Id, StringComparer.Ordinal)
            .Select(item => item.Document);
    }
}
