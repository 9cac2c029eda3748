using McpGateway.Shared.Catalog;

namespace McpGateway.Shared.Protocol;

/// <summary>
/// What one MCP endpoint offers: every enabled item (<c>/mcp</c>) or the items a virtual server
/// bundles (<c>/servers/{id}/mcp</c>).
/// </summary>
public sealed class CatalogScope
{
    private readonly IReadOnlyDictionary<CatalogKind, IReadOnlySet<string>>? members;

    private CatalogScope(string? serverId, IReadOnlyDictionary<CatalogKind, IReadOnlySet<string>>? members)
    {
        ServerId = serverId;
        this.members = members;
    }

    public static CatalogScope Everything { get; } = new(null, null);

    /// <summary>The virtual server this scope is, or null for the whole catalog.</summary>
    public string? ServerId { get; }

    public static CatalogScope ForServer(string serverId, IReadOnlyList<string> tools, IReadOnlyList<string> resources, IReadOnlyList<string> prompts) =>
        new(serverId, new Dictionary<CatalogKind, IReadOnlySet<string>>
        {
            [CatalogKind.Tools] = tools.ToHashSet(StringComparer.Ordinal),
            [CatalogKind.Resources] = resources.ToHashSet(StringComparer.Ordinal),
            [CatalogKind.Prompts] = prompts.ToHashSet(StringComparer.Ordinal),
        });

    public bool Includes(CatalogKind kind, string id) => members is null || (members.TryGetValue(kind, out var ids) && ids.Contains(id));

    /// <summary>The ids of <paramref name="kind"/> a virtual server bundles, or null when the scope is the whole catalog.</summary>
    public IReadOnlySet<string>? Members(CatalogKind kind) =>
        members is null ? null : members.TryGetValue(kind, out var ids) ? ids : new HashSet<string>();
}
