using System.Text.Json;
using McpGateway.Shared.Catalog.Credentials;
using McpGateway.Shared.Storage;

namespace McpGateway.Shared.Catalog.Tools;

/// <summary>A tool as stored.</summary>
public sealed record ToolRecord : ICatalogItem
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>The endpoint; a password in its userinfo is masked here and kept in <see cref="UrlPassword"/>.</summary>
    public string? Url { get; init; }

    /// <summary>The password of the URL's userinfo, encrypted.</summary>
    public string? UrlPassword { get; init; }

    public string? Description { get; init; }

    /// <summary>REST (an HTTP endpoint adapted into a tool) or MCP (a tool of a federated MCP server).</summary>
    public required string IntegrationType { get; init; }

    /// <summary>The HTTP verb for REST tools; the upstream transport for MCP tools.</summary>
    public required string RequestType { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public required JsonElement InputSchema { get; init; }

    public JsonElement? OutputSchema { get; init; }

    public JsonElement? Annotations { get; init; }

    public StoredAuth? Auth { get; init; }

    public string? JsonpathFilter { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public bool Enabled { get; init; } = true;

    public bool Reachable { get; init; } = true;

    public string? GatewayId { get; init; }

    /// <summary>For a federated tool, its name on the upstream (the catalog name may carry the gateway's prefix).</summary>
    public string? OriginalName { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public IEnumerable<UniqueKey> UniqueKeys() => [new("name", Name, $"a tool named '{Name}'")];
}
