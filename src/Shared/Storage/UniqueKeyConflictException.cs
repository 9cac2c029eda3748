namespace McpGateway.Shared.Storage;

/// <summary>Another item already holds a unique key (a name, a URI) the write would give this one.</summary>
public sealed class UniqueKeyConflictException : CatalogStorageException
{
    /// <param name="key">The key taken, or null when storage did not say which of the item's keys it was.</param>
    public UniqueKeyConflictException(UniqueKey? key)
        : base(key is { } taken ? $"{Capitalize(taken.Description)} already exists." : "An item with the same unique name or URI already exists.")
    {
        Key = key;
    }

    public UniqueKey? Key { get; }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
