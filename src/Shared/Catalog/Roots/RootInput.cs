namespace McpGateway.Shared.Catalog.Roots;

/// <summary>The body of POST /roots, such as <c>{"uri":"/data","name":"Data Root"}</c>.</summary>
public sealed record RootInput
{
    public string? Uri { get; init; }

    public string? Name { get; init; }
}
