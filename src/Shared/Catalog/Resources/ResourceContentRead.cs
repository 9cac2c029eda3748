using System.Text.Json.Serialization;

namespace McpGateway.Shared.Catalog.Resources;

/// <summary>A resource's content as GET /resources/{id-or-uri} returns it (ContextForge's ResourceContent): text or base64 blob.</summary>
public sealed record ResourceContentRead(
    string Id,
    string Uri,
    string? MimeType,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Text,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Blob)
{
    [JsonPropertyOrder(-1)]
    public string Type { get; } = "resource";
}
