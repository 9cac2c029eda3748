using System.Text.Json.Serialization;
using McpGateway.Shared.Storage;

namespace McpGateway.Shared.Catalog.Resources;

/// <summary>A resource as stored; its content is the table row's content payload.</summary>
public sealed record ResourceRecord : ICatalogItem
{
    public required string Id { get; init; }

    public required string Uri { get; init; }

    public required string Name { get; init; }

    public string? Description { get; init; }

    /// <summary>Null only for a template whose type its URI does not tell.</summary>
    public string? MimeType { get; init; }

    /// <summary>Set for resource templates, which have no content of their own.</summary>
    public string? UriTemplate { get; init; }

    /// <summary>Bytes of content; null for templates.</summary>
    public long? Size { get; init; }

    /// <summary>Whether the content came as base64 <c>blob</c> (returned as such) rather than as text.</summary>
    public bool Binary { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>For a federated resource, the peer gateway that serves its content.</summary>
    public string? GatewayId { get; init; }

    public bool Enabled { get; init; } = true;

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    [JsonIgnore]
    public bool IsTemplate => UriTemplate is not null;

    public IEnumerable<UniqueKey> UniqueKeys() => [new("uri", Uri, $"a resource with URI '{Uri}'")];
}
