namespace McpGateway.Shared.Storage;

/// <summary>One change of a batch applied by <see cref="CatalogTable{T}.ApplyAsync"/>.</summary>
public abstract record CatalogChange<T>
    where T : class, ICatalogDocument
{
    private CatalogChange()
    {
    }

    /// <summary>The id of the item the change is about.</summary>
    public abstract string Id { get; }

    /// <summary>Stores a new item.</summary>
    public sealed record Insert(T Document) : CatalogChange<T>
    {
        public override string Id => Document.Id;
    }

    /// <summary>Applies <paramref name="Change"/> to the item as stored when the batch writes it.</summary>
    public sealed record Update(string ItemId, Func<T, T> Change) : CatalogChange<T>
    {
        public override string Id => ItemId;
    }

    /// <summary>Removes an item with its unique keys and history.</summary>
    public sealed record Delete(string ItemId) : CatalogChange<T>
    {
        public override string Id => ItemId;
    }
}

/// <summary>What became of one change of a batch.</summary>
/// <param name="Document">
/// The item as stored after an insert or update, or as it was before a delete; null when the change was not applied (it
/// met a conflict, or the item to update or delete was deleted first by another request).
/// </param>
/// <param name="Conflict">Why an insert or update was refused: another item holds one of its unique keys.</param>
public sealed record CatalogChangeResult<T>(CatalogChange<T> Change, T? Document, UniqueKeyConflictException? Conflict)
    where T : class, ICatalogDocument
{
    public bool Applied => Document is not null;
}
