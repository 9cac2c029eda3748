using System.Security.Claims;
using System.Text;
using McpGateway.Shared.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace McpGateway.Shared.Auth;

/// <summary>Mints and validates the gateway's HMAC-signed bearer tokens (ContextForge-compatible claims).</summary>
public sealed class TokenService(IOptions<AuthOptions> options, TimeProvider time)
{
    private readonly JsonWebTokenHandler handler = new();

    public bool Enabled => options.Value.JwtSecretKey is not null;

    public string Mint(string username, TimeSpan? lifetime = null)
    {
        var settings = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim("sub", username), new Claim("username", username)]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromMinutes(settings.TokenExpiryMinutes)),
            SigningCredentials = new SigningCredentials(SigningKey(), settings.JwtAlgorithm),
        };
        return handler.CreateToken(descriptor);
    }

    /// <returns>The caller's name, or null when the token is invalid or expired.</returns>
    public async Task<string?> ValidateAsync(string token)
    {
        if (!Enabled)
        {
            return null;
        }

        var result = await handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKey = SigningKey(),
            ValidAlgorithms = [options.Value.JwtAlgorithm],
            ValidateIssuer = false,
            ValidateAudience = false,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            LifetimeValidator = (notBefore, expires, _, _) =>
            {
                var now = time.GetUtcNow().UtcDateTime;
                return expires > now - TimeSpan.FromSeconds(30) && (notBefore is null || notBefore <= now + TimeSpan.FromSeconds(30));
            },
        }).ConfigureAwait(false);

        if (!result.IsValid)
        {
            return null;
        }

        return result.Claims.TryGetValue("sub", out var sub) ? sub?.ToString()
            : result.Claims.TryGetValue("username", out var name) ? name?.ToString()
            : "token";
    }

    /// <summary>
    /// The user a token says it is for (its <c>sub</c>, unverified), or null when it is not a readable JWT: what failed
    /// sign-ins are counted against, so made-up tokens for a user count as guesses at that user.
    /// </summary>
    public string? ClaimedSubject(string token)
    {
        try
        {
            return handler.ReadJsonWebToken(token).TryGetPayloadValue<string>("sub", out var sub) ? sub : null;
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private SymmetricSecurityKey SigningKey() =>
        new(Encoding.UTF8.GetBytes(options.Value.JwtSecretKey ?? throw new InvalidOperationException("JWT_SECRET_KEY is not set.")));
}
