using System.Data.Common;
using System.Security.Claims;
using System.Text;
using Azure.Core;
using Azure.Identity;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace McpGateway.Shared.Notifications.SignalRService;

/// <summary>
/// An Azure SignalR Service connection string: its endpoint and either the AccessKey that signs tokens (HS256,
/// the audience being the URL the token is for) or, without a key, the Entra ID credential its AuthType names
/// (<c>azure</c>: DefaultAzureCredential; <c>azure.msi</c>: a managed identity, <c>ClientId</c> for a user-assigned
/// one; <c>azure.app</c>: <c>TenantId</c>/<c>ClientId</c>/<c>ClientSecret</c>).
/// </summary>
public sealed class SignalRServiceConnection
{
    private static readonly JsonWebTokenHandler Tokens = new();

    private SignalRServiceConnection(Uri endpoint, string? accessKey, TokenCredential? credential)
    {
        Endpoint = endpoint;
        AccessKey = accessKey;
        Credential = credential;
    }

    /// <summary>The service's base URL.</summary>
    public Uri Endpoint { get; }

    public string? AccessKey { get; }

    /// <summary>Set when the connection string has no AccessKey.</summary>
    public TokenCredential? Credential { get; }

    /// <summary>A connection that authenticates with an Entra ID credential (the form a connection string without AccessKey takes).</summary>
    public static SignalRServiceConnection WithCredential(Uri endpoint, TokenCredential credential) => new(endpoint, accessKey: null, credential);

    /// <exception cref="FormatException">The text is not a usable connection string; the message says why, without the key.</exception>
    public static SignalRServiceConnection Parse(string connectionString)
    {
        var parts = new DbConnectionStringBuilder();
        try
        {
            parts.ConnectionString = connectionString;
        }
        catch (ArgumentException)
        {
            throw new FormatException($"{SignalRServiceOptions.ConnectionStringSetting} must be Key=Value pairs separated by ';'.");
        }

        string? Part(string name) => parts.TryGetValue(name, out var value) && value?.ToString() is { Length: > 0 } text ? text : null;

        if (!Uri.TryCreate(Part("Endpoint"), UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
        {
            throw new FormatException($"{SignalRServiceOptions.ConnectionStringSetting} needs Endpoint=https://<name>.service.signalr.net.");
        }

        if (Part("Port") is { } port)
        {
            endpoint = new UriBuilder(endpoint) { Port = int.TryParse(port, out var number) ? number : throw new FormatException($"{SignalRServiceOptions.ConnectionStringSetting} has a Port that is not a number.") }.Uri;
        }

        if (Part("AccessKey") is { } key)
        {
            if (Encoding.UTF8.GetByteCount(key) < 32)
            {
                throw new FormatException($"The AccessKey of {SignalRServiceOptions.ConnectionStringSetting} is shorter than 32 bytes, too short for HS256.");
            }

            return new SignalRServiceConnection(endpoint, key, credential: null);
        }

        var clientId = Part("ClientId");
        TokenCredential credential = Part("AuthType")?.ToLowerInvariant() switch
        {
            "azure" => new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId }),
            "azure.msi" => new ManagedIdentityCredential(clientId is null ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(clientId)),
            "azure.app" when Part("TenantId") is { } tenant && clientId is not null && Part("ClientSecret") is { } secret => new ClientSecretCredential(tenant, clientId, secret),
            _ => throw new FormatException(
                $"{SignalRServiceOptions.ConnectionStringSetting} needs an AccessKey, or AuthType=azure, azure.msi (ClientId optional) or azure.app (TenantId, ClientId, ClientSecret) for Entra ID."),
        };
        return WithCredential(endpoint, credential);
    }

    /// <summary>The URL clients connect to for <paramref name="hub"/> (the <c>url</c> of a negotiate response).</summary>
    public string ClientUrl(string hub) => Url($"client/?hub={Uri.EscapeDataString(hub)}");

    /// <summary>An absolute URL under the endpoint (which may itself have a path).</summary>
    public string Url(string relative) => $"{Endpoint.GetLeftPart(UriPartial.Path).TrimEnd('/')}/{relative}";

    /// <summary>An HS256 token signed with the AccessKey for <paramref name="audience"/> (the URL it will be sent to).</summary>
    /// <param name="userId">Becomes the connection's user id (the <c>nameid</c> claim, as JWTs spell ClaimTypes.NameIdentifier), for messages sent to a user.</param>
    public string CreateToken(string audience, DateTimeOffset now, TimeSpan lifetime, string? userId = null)
    {
        var key = AccessKey ?? throw new InvalidOperationException("This connection authenticates with Entra ID; it has no AccessKey to sign with.");
        return Tokens.CreateToken(new SecurityTokenDescriptor
        {
            Audience = audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            Subject = userId is null ? null : new ClaimsIdentity([new Claim("nameid", userId)]),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
    }
}
