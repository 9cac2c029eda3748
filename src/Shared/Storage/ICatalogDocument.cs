namespace McpGateway.Shared.Storage;

/// <summary>A catalog item as stored: identified by <see cref="Id"/>, unique by each of <see cref="UniqueKeys"/>.</summary>
public interface ICatalogDocument
{
    string Id { get; }

    /// <summary>Values no two items of the kind may share (a name, a URI); enforced atomically by storage.</summary>
    IEnumerable<UniqueKey> UniqueKeys();
}

/// <param name="Kind">What the value is, such as "name" or "uri".</param>
/// <param name="Value">The value; compared exactly.</param>
/// <param name="Description">How a conflict is described to the client, such as "a tool named 'clock'".</param>
public readonly record struct UniqueKey(string Kind, string Value, string Description);
