namespace McpGateway.Shared.Catalog.Credentials;

/// <summary>Credentials at rest: the type and non-secret parts in clear, the secrets AES-GCM encrypted.</summary>
/// <param name="AuthType">basic, bearer or authheaders.</param>
/// <param name="Username">The basic-auth user name.</param>
/// <param name="HeaderNames">The names of the authheaders headers.</param>
/// <param name="ProtectedSecrets">The encrypted JSON of the secret values.</param>
public sealed record StoredAuth(string AuthType, string? Username, IReadOnlyList<string> HeaderNames, string ProtectedSecrets);
