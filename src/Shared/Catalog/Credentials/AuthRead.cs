namespace McpGateway.Shared.Catalog.Credentials;

/// <summary>Credentials as responses show them: every secret replaced by the mask.</summary>
public sealed record AuthRead(
    string AuthType,
    string? Username,
    string? Password,
    string? Token,
    string? AuthHeaderKey,
    string? AuthHeaderValue,
    IReadOnlyList<AuthHeaderInput>? AuthHeaders);
