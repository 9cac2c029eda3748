namespace McpGateway.Shared.Catalog.Exchange;

/// <summary>The answer of <c>POST /import</c>: every item's change, and the counts ContextForge reports as progress.</summary>
public sealed record ImportReport(bool DryRun, string ConflictStrategy, IReadOnlyList<ImportChange> Changes)
{
    public string Status => Failed > 0 ? "completed_with_errors" : DryRun ? "validated" : "completed";

    public ImportProgress Progress => new(Changes.Count, Changes.Count, Count("create") + Count("rename"), Count("update"), Count("skip"), Failed);

    private int Failed => Count("fail");

    private int Count(string action) => Changes.Count(c => c.Action == action);
}

public sealed record ImportProgress(int Total, int Processed, int Created, int Updated, int Skipped, int Failed);
