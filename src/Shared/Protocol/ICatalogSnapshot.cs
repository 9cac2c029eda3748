using McpGateway.Shared.Catalog.Prompts;
using McpGateway.Shared.Catalog.Resources;
using McpGateway.Shared.Catalog.Tools;
using McpGateway.Shared.Storage;

namespace McpGateway.Shared.Protocol;

/// <summary>
/// The catalog as an MCP endpoint sees it, answered from memory: only enabled (and, for tools, reachable) items of a
/// scope, in a stable order (by name or URI) so list cursors stay valid between pages. Protocol handlers read it
/// through this interface, so they can be tested over an in-memory catalog.
/// </summary>
public interface ICatalogSnapshot
{
    /// <summary>The scope of an MCP endpoint: the whole catalog, or the virtual server it names (null if none is enabled).</summary>
    Task<CatalogScope?> ScopeAsync(string? serverIdOrName, CancellationToken cancellationToken);

    Task<(IReadOnlyList<ToolRecord> Page, string? NextCursor)> ToolPageAsync(CatalogScope scope, string? cursor, CancellationToken cancellationToken);

    Task<ToolRecord?> FindToolAsync(CatalogScope scope, string name, CancellationToken cancellationToken);

    /// <summary>Concrete resources (templates excluded), by URI.</summary>
    Task<(IReadOnlyList<ResourceRecord> Page, string? NextCursor)> ResourcePageAsync(CatalogScope scope, string? cursor, CancellationToken cancellationToken);

    Task<(IReadOnlyList<ResourceRecord> Page, string? NextCursor)> ResourceTemplatePageAsync(CatalogScope scope, string? cursor, CancellationToken cancellationToken);

    Task<IReadOnlyList<ResourceRecord>> ResourcesAsync(CatalogScope scope, CancellationToken cancellationToken);

    Task<IReadOnlyList<ResourceRecord>> ResourceTemplatesAsync(CatalogScope scope, CancellationToken cancellationToken);

    /// <summary>The concrete resource or template whose URI is <paramref name="uri"/>, with its content reference.</summary>
    Task<CatalogEntry<ResourceRecord>?> FindResourceAsync(CatalogScope scope, string uri, CancellationToken cancellationToken);

    Task<(IReadOnlyList<PromptRecord> Page, string? NextCursor)> PromptPageAsync(CatalogScope scope, string? cursor, CancellationToken cancellationToken);

    Task<PromptRecord?> FindPromptAsync(CatalogScope scope, string name, CancellationToken cancellationToken);
}
