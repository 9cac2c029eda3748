namespace McpGateway.Shared.Catalog.Credentials;

/// <summary>A URL as stored: its password (if any) masked in <paramref name="Url"/> and kept encrypted in <paramref name="ProtectedPassword"/>.</summary>
public sealed record SealedUrl(string Url, string? ProtectedPassword);
