namespace McpGateway.Shared.Catalog;

/// <summary>
/// A catalog kind seen without its record types, so one kind can refer to the items of another (a virtual
/// server bundles tools, resources and prompts) without depending on them. Every <see cref="CatalogService{TRecord, TInput}"/>
/// is one; a kind becomes visible to others by being registered as this interface.
/// </summary>
public interface ICatalogReader
{
    CatalogKind Kind { get; }

    /// <summary>The id of the item with this id or alternate key (a tool's name, a resource's URI), or null.</summary>
    Task<string?> FindIdAsync(string idOrKey, CancellationToken cancellationToken);

    /// <summary>The response shapes of the items with these ids, in the given order; ids that no longer exist are skipped.</summary>
    Task<IReadOnlyList<object>> ReadManyAsync(IReadOnlyList<string> ids, bool includeInactive, CancellationToken cancellationToken);
}
