namespace McpGateway.Shared.Catalog.Exchange;

/// <summary>What an import does (or, in a dry run, would do) with one item of the document.</summary>
/// <param name="Entity">The section: tools, resources, prompts, servers, gateways or roots.</param>
/// <param name="Name">The item's name (its URI for resources and roots).</param>
/// <param name="Action">create, update, skip, rename or fail.</param>
/// <param name="Detail">Why, for skips and failures; the new name for renames.</param>
public sealed record ImportChange(string Entity, string Name, string Action, string? Detail = null);
