namespace McpGateway.Shared.Catalog;

/// <summary>How a catalog kind is named in routes, storage, metrics and messages.</summary>
/// <param name="Singular">"tool": used in messages, in ContextForge's wrapped bodies (<c>{"tool": {...}}</c>) and in responses.</param>
/// <param name="Plural">"tools": the route segment and the table name.</param>
public sealed record CatalogKind(string Singular, string Plural)
{
    public static readonly CatalogKind Tools = new("tool", "tools");
    public static readonly CatalogKind Resources = new("resource", "resources");
    public static readonly CatalogKind Prompts = new("prompt", "prompts");
    public static readonly CatalogKind Servers = new("server", "servers");
    public static readonly CatalogKind Gateways = new("gateway", "gateways");
    public static readonly CatalogKind Roots = new("root", "roots");

    public string Title => char.ToUpperInvariant(Singular[0]) + Singular[1..];
}
