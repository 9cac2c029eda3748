using McpGateway.Shared.Storage;

namespace McpGateway.Shared.Catalog;

/// <summary>A REST list of one kind, filtered as its query asks, to page through with a keyset cursor.</summary>
/// <param name="After">The items whose key sorts after a cursor key (all for null), in order.</param>
/// <param name="Key">An item's key in that order.</param>
/// <param name="Read">An item's response shape, with its metrics.</param>
public sealed record CatalogListing<TRecord>(
    Func<string?, IEnumerable<CatalogEntry<TRecord>>> After,
    Func<CatalogEntry<TRecord>, string> Key,
    Func<CatalogEntry<TRecord>, object> Read)
    where TRecord : class, ICatalogItem;
