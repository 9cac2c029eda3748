using System.Text.Json;
using McpGateway.Shared.Auth;
using McpGateway.Shared.Http;

namespace McpGateway.Shared.Catalog.Credentials;

/// <summary>Turns submitted credentials into <see cref="StoredAuth"/> (encrypting the secrets) and back into masked responses.</summary>
public sealed class AuthCodec(SecretProtector protector)
{
    public const string Mask = "*****";
    private const string Field = "auth";

    /// <summary>
    /// Validates <paramref name="input"/> and encrypts its secrets. Masked values keep the matching secret of
    /// <paramref name="current"/>, so a client can send back what it read without wiping the credentials.
    /// </summary>
    public StoredAuth? Build(AuthInput? input, StoredAuth? current)
    {
        if (input is null)
        {
            return current;
        }

        var type = input.AuthType?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(type) || type == "none")
        {
            return null;
        }

        var previous = current is not null && current.AuthType == type ? Secrets(current) : new Dictionary<string, string>();
        string Secret(string name, string? submitted, string field) =>
            submitted == Mask && previous.TryGetValue(name, out var kept) ? kept
            : !string.IsNullOrEmpty(submitted) && submitted != Mask ? submitted
            : throw ApiProblem.Invalid($"{Field}.{field}", $"'{Field}.{field}' is required for auth_type '{type}'.");

        return type switch
        {
            "basic" => Protect(type, CatalogValidation.Required(input.Username ?? current?.Username, $"{Field}.username"), [],
                new Dictionary<string, string> { ["password"] = Secret("password", input.Password, "password") }),
            "bearer" => Protect(type, null, [], new Dictionary<string, string> { ["token"] = Secret("token", input.Token, "token") }),
            "authheaders" => BuildHeaders(input, Secret),
            _ => throw ApiProblem.Invalid($"{Field}.auth_type", $"'{Field}.auth_type' must be basic, bearer or authheaders, not '{input.AuthType}'."),
        };
    }

    public static AuthRead? ToRead(StoredAuth? auth) => auth?.AuthType switch
    {
        null => null,
        "basic" => new AuthRead(auth.AuthType, auth.Username, Mask, null, null, null, null),
        "bearer" => new AuthRead(auth.AuthType, null, null, Mask, null, null, null),
        _ => new AuthRead(
            auth.AuthType, null, null, null, auth.HeaderNames.Count > 0 ? auth.HeaderNames[0] : null, Mask,
            auth.HeaderNames.Select(name => new AuthHeaderInput(name, Mask)).ToList()),
    };

    /// <summary>The HTTP headers that present these credentials to the upstream.</summary>
    public IReadOnlyDictionary<string, string> Headers(StoredAuth auth)
    {
        var secrets = Secrets(auth);
        return auth.AuthType switch
        {
            "basic" => new Dictionary<string, string> { ["Authorization"] = Basic(auth.Username!, secrets["password"]) },
            "bearer" => new Dictionary<string, string> { ["Authorization"] = "Bearer " + secrets["token"] },
            _ => auth.HeaderNames.ToDictionary(name => name, name => secrets[HeaderSecret(name)], StringComparer.OrdinalIgnoreCase),
        };
    }

    /// <summary>
    /// The URL to store for <paramref name="url"/>, its password masked, and that password encrypted. A masked password
    /// keeps <paramref name="currentPassword"/>, the encrypted password stored with the URL before.
    /// </summary>
    public SealedUrl SealUrl(string url, string? currentPassword)
    {
        var parsed = new Uri(url, UriKind.Absolute);
        return UrlUserInfo.Credentials(parsed) switch
        {
            null => new SealedUrl(url, null),
            (_, Mask) when currentPassword is not null => new SealedUrl(UrlUserInfo.Masked(url), currentPassword),
            (_, Mask) => throw ApiProblem.Invalid("url", "'url' has the mask for its password, but no password is stored to keep."),
            (_, var password) => new SealedUrl(UrlUserInfo.Masked(url), protector.Protect(password)),
        };
    }

    /// <summary>The Basic credentials a stored URL's userinfo gives (none without a password), for calls without <c>auth</c>.</summary>
    public IReadOnlyDictionary<string, string> UrlHeaders(string? url, string? protectedPassword) =>
        url is not null && protectedPassword is not null && UrlUserInfo.Credentials(new Uri(url, UriKind.Absolute)) is var (user, _)
            ? new Dictionary<string, string> { ["Authorization"] = Basic(user, protector.Unprotect(protectedPassword)) }
            : new Dictionary<string, string>();

    private static string Basic(string username, string password) =>
        "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{username}:{password}"));

    private StoredAuth BuildHeaders(AuthInput input, Func<string, string?, string, string> secret)
    {
        var secrets = new Dictionary<string, string>();
        var pairs = input.AuthHeaders is { Count: > 0 } list
            ? list.Select((h, i) => (Key: h.Key, h.Value, Field: $"auth_headers[{i}]")).ToList()
            : [(Key: input.AuthHeaderKey, Value: input.AuthHeaderValue, Field: "auth_header")];
        var names = new List<string>();
        foreach (var (key, value, field) in pairs)
        {
            var name = CatalogValidation.Required(key, $"{Field}.{field}_key");
            CatalogValidation.Headers(new Dictionary<string, string> { [name] = value ?? string.Empty }, $"{Field}.{field}");
            secrets[HeaderSecret(name)] = secret(HeaderSecret(name), value, $"{field}_value");
            names.Add(name);
        }

        return Protect("authheaders", null, names, secrets);
    }

    private StoredAuth Protect(string type, string? username, IReadOnlyList<string> headerNames, Dictionary<string, string> secrets) =>
        new(type, username, headerNames, protector.Protect(JsonSerializer.Serialize(secrets)));

    private Dictionary<string, string> Secrets(StoredAuth auth) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(protector.Unprotect(auth.ProtectedSecrets)) ?? [];

    private static string HeaderSecret(string headerName) => "header:" + headerName.ToLowerInvariant();
}
