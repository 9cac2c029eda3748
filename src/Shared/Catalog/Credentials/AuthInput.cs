namespace McpGateway.Shared.Catalog.Credentials;

/// <summary>
/// Credentials for calling an upstream, as ContextForge accepts them: <c>auth_type</c> basic (username,
/// password), bearer (token) or authheaders (<c>auth_header_key</c>/<c>auth_header_value</c>, or a list
/// <c>auth_headers</c>). A value equal to the mask (<see cref="AuthCodec.Mask"/>) keeps the stored secret.
/// </summary>
public sealed record AuthInput
{
    public string? AuthType { get; init; }

    public string? Username { get; init; }

    public string? Password { get; init; }

    public string? Token { get; init; }

    public string? AuthHeaderKey { get; init; }

    public string? AuthHeaderValue { get; init; }

    public IReadOnlyList<AuthHeaderInput>? AuthHeaders { get; init; }
}

public sealed record AuthHeaderInput(string? Key, string? Value);
