using System.Collections.Concurrent;
using McpGateway.Shared.Catalog;
using McpGateway.Shared.Catalog.Gateways;
using McpGateway.Shared.Catalog.Prompts;
using McpGateway.Shared.Catalog.Resources;
using McpGateway.Shared.Catalog.Servers;
using McpGateway.Shared.Catalog.Tools;
using McpGateway.Shared.Storage;

namespace McpGateway.Shared.Protocol;

/// <summary>
/// The catalog as an MCP endpoint sees it: only enabled (and, for tools, reachable) items of its scope,
/// in a stable order (by name or URI) so that list cursors stay valid between pages.
/// </summary>
public sealed class McpCatalog(ToolService tools, ResourceService resources, PromptService prompts, ServerService servers, PeerGatewayService gateways)
{
    private readonly ConcurrentDictionary<string, string> toolIds = new(StringComparer.Ordinal);

    /// <summary>The scope of <c>/servers/{id}/mcp</c>, or null when no enabled server has that id or name.</summary>
    /// <summary>The scope of an MCP endpoint: the whole catalog, or the virtual server it names (null if none is enabled).</summary>
    public async Task<CatalogScope?> ScopeAsync(string? serverIdOrName, CancellationToken cancellationToken) =>
        serverIdOrName is null ? CatalogScope.Everything : await ServerScopeAsync(serverIdOrName, cancellationToken).ConfigureAwait(false);

    public async Task<CatalogScope?> ServerScopeAsync(string serverIdOrName, CancellationToken cancellationToken)
    {
        var server = (await servers.FindAsync(serverIdOrName, cancellationToken).ConfigureAwait(false))?.Document;
        return server is { Enabled: true }
            ? CatalogScope.ForServer(server.Id, server.AssociatedTools, server.AssociatedResources, server.AssociatedPrompts)
            : null;
    }

    public async Task<IReadOnlyList<ToolRecord>> ToolsAsync(CatalogScope scope, CancellationToken cancellationToken)
    {
        var hidden = await HiddenGatewaysAsync(cancellationToken).ConfigureAwait(false);
        return Visible(await tools.ListAsync(cancellationToken).ConfigureAwait(false), scope, CatalogKind.Tools)
            .Where(t => t.Reachable && !hidden.Contains(t.GatewayId ?? string.Empty))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<ToolRecord?> FindToolAsync(CatalogScope scope, string name, CancellationToken cancellationToken)
    {
        var tool = await FindToolByNameAsync(name, cancellationToken).ConfigureAwait(false);
        return tool is { Enabled: true, Reachable: true } && scope.Includes(CatalogKind.Tools, tool.Id) ? tool : null;
    }

    /// <summary>
    /// One point read on the hot path: the id a name had last time is read directly and kept only if that row still
    /// bears the name (so renames and deletes on any instance are seen); otherwise the name's index row decides.
    /// </summary>
    private async Task<ToolRecord?> FindToolByNameAsync(string name, CancellationToken cancellationToken)
    {
        if (toolIds.TryGetValue(name, out var id)
            && (await tools.Table.FindAsync(id, cancellationToken).ConfigureAwait(false))?.Document is { } cached
            && cached.Name == name)
        {
            return cached;
        }

        var tool = (await tools.Table.FindByKeyAsync("name", name, cancellationToken).ConfigureAwait(false))?.Document;
        if (tool is null)
        {
            toolIds.TryRemove(name, out _);
        }
        else
        {
            toolIds[name] = tool.Id;
        }

        return tool;
    }

    /// <summary>Concrete resources (templates excluded), by URI.</summary>
    public async Task<IReadOnlyList<ResourceRecord>> ResourcesAsync(CatalogScope scope, CancellationToken cancellationToken) =>
        (await VisibleResourcesAsync(scope, cancellationToken).ConfigureAwait(false)).Where(r => !r.IsTemplate).ToList();

    public async Task<IReadOnlyList<ResourceRecord>> ResourceTemplatesAsync(CatalogScope scope, CancellationToken cancellationToken) =>
        (await VisibleResourcesAsync(scope, cancellationToken).ConfigureAwait(false)).Where(r => r.IsTemplate).ToList();

    public async Task<CatalogEntry<ResourceRecord>?> FindResourceAsync(CatalogScope scope, string uri, CancellationToken cancellationToken)
    {
        var entry = await resources.Table.FindByKeyAsync("uri", uri, cancellationToken).ConfigureAwait(false);
        return entry is { Document.Enabled: true } && scope.Includes(CatalogKind.Resources, entry.Document.Id) ? entry : null;
    }

    public async Task<IReadOnlyList<PromptRecord>> PromptsAsync(CatalogScope scope, CancellationToken cancellationToken)
    {
        var hidden = await HiddenGatewaysAsync(cancellationToken).ConfigureAwait(false);
        return Visible(await prompts.ListAsync(cancellationToken).ConfigureAwait(false), scope, CatalogKind.Prompts)
            .Where(p => !hidden.Contains(p.GatewayId ?? string.Empty))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<PromptRecord?> FindPromptAsync(CatalogScope scope, string name, CancellationToken cancellationToken)
    {
        var prompt = (await prompts.Table.FindByKeyAsync("name", name, cancellationToken).ConfigureAwait(false))?.Document;
        return prompt is { Enabled: true } && scope.Includes(CatalogKind.Prompts, prompt.Id) ? prompt : null;
    }

    private async Task<IReadOnlyList<ResourceRecord>> VisibleResourcesAsync(CatalogScope scope, CancellationToken cancellationToken)
    {
        var hidden = await HiddenGatewaysAsync(cancellationToken).ConfigureAwait(false);
        return Visible(await resources.ListAsync(cancellationToken).ConfigureAwait(false), scope, CatalogKind.Resources)
            .Where(r => !hidden.Contains(r.GatewayId ?? string.Empty))
            .OrderBy(r => r.Uri, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Peer gateways whose items leave the lists: switched off, or marked unreachable by the health check.</summary>
    private async Task<IReadOnlySet<string>> HiddenGatewaysAsync(CancellationToken cancellationToken) =>
        (await gateways.ListAsync(cancellationToken).ConfigureAwait(false))
            .Select(e => e.Document)
            .Where(g => !g.Enabled || !g.Reachable)
            .Select(g => g.Id)
            .ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<T> Visible<T>(IEnumerable<CatalogEntry<T>> entries, CatalogScope scope, CatalogKind kind)
        where T : class, ICatalogItem =>
        entries.Select(e => e.Document).Where(item => item.Enabled && scope.Includes(kind, item.Id));
}
