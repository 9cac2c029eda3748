using System.Text;
using Azure.Core;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace McpGateway.Shared.Tests.Notifications;

/// <summary>
/// Plays Entra ID for <see cref="SignalRServiceListener"/>: issues tokens for the SignalR data-plane scope only, signed
/// with a key the listener knows, and records the scopes it was asked for.
/// </summary>
public sealed class EntraCredential : TokenCredential
{
    public const string SigningKey = "entra-stand-in-signing-key-0123456789abcdefghij";
    public const string Audience = "https://signalr.azure.com";

    public List<string> RequestedScopes { get; } = [];

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        RequestedScopes.AddRange(requestContext.Scopes);
        var expires = DateTimeOffset.UtcNow.AddHours(1);
        var token = requestContext.Scopes.SequenceEqual(["https://signalr.azure.com/.default"])
            ? new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Audience = Audience,
                Expires = expires.UtcDateTime,
                SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(SigningKey)), SecurityAlgorithms.HmacSha256),
            })
            : "not-for-signalr";
        return new AccessToken(token, expires);
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
