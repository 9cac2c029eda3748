namespace McpGateway.Shared.Catalog.Resources;

/// <summary>The body of POST and PUT /resources. On update only the members present change.</summary>
public sealed record ResourceInput
{
    public string? Uri { get; init; }

    public string? Name { get; init; }

    public string? Description { get; init; }

    public string? MimeType { get; init; }

    /// <summary>An RFC 6570 template (<c>file:///logs/{date}.txt</c>) that makes the resource a template without content.</summary>
    public string? UriTemplate { get; init; }

    /// <summary>Text content.</summary>
    public string? Content { get; init; }

    /// <summary>Binary content, base64-encoded.</summary>
    public string? Blob { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }

    public bool? Enabled { get; init; }
}
