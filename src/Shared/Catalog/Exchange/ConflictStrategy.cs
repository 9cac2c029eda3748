using McpGateway.Shared.Http;

namespace McpGateway.Shared.Catalog.Exchange;

/// <summary>What an import does with an item whose id, name or URI already exists (ContextForge's conflict_strategy).</summary>
public enum ConflictStrategy
{
    /// <summary>Replace the existing item's content, keeping its id.</summary>
    Update,

    /// <summary>Leave the existing item as it is.</summary>
    Skip,

    /// <summary>Import under a new id and a suffixed name (items unique by URI are skipped).</summary>
    Rename,

    /// <summary>Report the item as failed.</summary>
    Fail,
}

public static class ConflictStrategies
{
    public static ConflictStrategy Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "update" => ConflictStrategy.Update,
        "skip" => ConflictStrategy.Skip,
        "rename" => ConflictStrategy.Rename,
        "fail" => ConflictStrategy.Fail,
        _ => throw ApiProblem.Invalid("conflict_strategy", $"'conflict_strategy' must be update, skip, rename or fail, not '{value}'."),
    };
}
