namespace McpGateway.Shared.Catalog.Roots;

/// <summary>A root as the API returns it: the MCP Root shape.</summary>
public sealed record RootRead(string Uri, string? Name)
{
    public static RootRead From(RootRecord root) => new(root.Uri, root.Name);
}
