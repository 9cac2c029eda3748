using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using McpGateway.Shared.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace McpGateway.Shared.Auth;

/// <summary>
/// Checks a request's credentials: HTTP Basic or a bearer JWT, unless AUTH_REQUIRED is false; without an Authorization
/// header, the Admin UI's session cookie (while MCPGATEWAY_UI_ENABLED), whose state-changing requests must carry its CSRF
/// token. Failed credentials count against the client address and the user they name (<see cref="SignInThrottle"/>).
/// </summary>
public sealed class GatewayAuthenticator(
    IOptions<AuthOptions> options, TokenService tokens, AdminSession sessions, SignInThrottle throttle, IOptions<AdminOptions> admin)
{
    private readonly byte[]? expectedBasicHash = ExpectedBasicHash(options.Value);

    /// <returns>The caller's name, or null when the request carries no valid credentials.</returns>
    /// <exception cref="Http.ApiProblem">403: a session request without its CSRF token; 429: too many failed sign-ins.</exception>
    public async Task<string?> AuthenticateAsync(HttpRequest request)
    {
        var settings = options.Value;
        if (!settings.AuthRequired)
        {
            return "anonymous";
        }

        if (request.Headers.Authorization.Count == 0 && admin.Value.UiEnabled
            && await sessions.ReadAsync(request).ConfigureAwait(false) is var (user, csrf))
        {
            AdminSession.RequireCsrf(request, csrf);
            return user;
        }

        return await CredentialsAsync(request).ConfigureAwait(false);
    }

    /// <returns>The caller named by the Authorization header (Basic or Bearer), or null.</returns>
    /// <exception cref="Http.ApiProblem">429: the client address or the user has no failed sign-ins left in its window.</exception>
    public async Task<string?> CredentialsAsync(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header) || header.Parameter is null)
        {
            return null;
        }

        var address = request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var bearer = header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase);
        var basic = !bearer && header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) ? DecodeBasic(header.Parameter) : null;
        var claimedUser = bearer ? tokens.ClaimedSubject(header.Parameter) : basic?.User;
        throttle.EnsureAllowed(address, claimedUser);

        var caller = bearer ? await tokens.ValidateAsync(header.Parameter).ConfigureAwait(false)
            : basic is { } credentials && MatchesBasic(credentials.Decoded) ? options.Value.BasicAuthUser
            : null;
        if (caller is null)
        {
            throttle.RecordFailure(address, claimedUser);
        }

        return caller;
    }

    /// <summary>The WWW-Authenticate challenge sent with a 401.</summary>
    public string Challenge => tokens.Enabled ? "Bearer, Basic realm=\"mcpgateway\"" : "Basic realm=\"mcpgateway\"";

    /// <summary>The user a Basic parameter names, and the <c>user:password</c> bytes it holds.</summary>
    private static (string User, byte[] Decoded)? DecodeBasic(string parameter)
    {
        byte[] decoded;
        try
        {
            decoded = Convert.FromBase64String(parameter);
        }
        catch (FormatException)
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(decoded);
        var separator = text.IndexOf(':', StringComparison.Ordinal);
        return separator < 0 ? null : (text[..separator], decoded);
    }

    /// <summary>
    /// The sent <c>user:password</c> against the configured pair, compared as hashes so that the time taken says
    /// nothing of either's length or content.
    /// </summary>
    private bool MatchesBasic(byte[] sent) =>
        expectedBasicHash is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(sent), expectedBasicHash);

    /// <summary>
    /// The hash of the configured pair; none without a password, or for a user with a colon, which can never match
    /// since the sent pair is split at its first colon.
    /// </summary>
    private static byte[]? ExpectedBasicHash(AuthOptions settings) =>
        string.IsNullOrEmpty(settings.BasicAuthPassword) || settings.BasicAuthUser.Contains(':', StringComparison.Ordinal)
            ? null
            : SHA256.HashData(Encoding.UTF8.GetBytes($"{settings.BasicAuthUser}:{settings.BasicAuthPassword}"));
}
