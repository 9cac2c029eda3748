namespace McpGateway.Shared.Storage;

/// <summary>Bytes kept in a table row when small, in a blob when larger than a row property can hold.</summary>
internal sealed record StoredPayload(byte[]? Inline, string? BlobName, long Length);
