using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using McpGateway.Shared.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace McpGateway.Shared.Auth;

/// <summary>
/// Checks a request's credentials: HTTP Basic or a bearer JWT, unless AUTH_REQUIRED is false; without an Authorization
/// header, the Admin UI's session cookie (while MCPGATEWAY_UI_ENABLED), whose state-changing requests must carry its CSRF token.
/// </summary>
public sealed class GatewayAuthenticator(IOptions<AuthOptions> options, TokenService tokens, AdminSession sessions, IOptions<AdminOptions> admin)
{
    /// <returns>The caller's name, or null when the request carries no valid credentials.</returns>
    /// <exception cref="Http.ApiProblem">403: a session request without its CSRF token.</exception>
    public async Task<string?> AuthenticateAsync(HttpRequest request)
    {
        var settings = options.Value;
        if (!settings.AuthRequired)
        {
            return "anonymous";
        }

        if (request.Headers.Authorization.Count == 0 && admin.Value.UiEnabled && sessions.Read(request) is var (user, csrf))
        {
            AdminSession.RequireCsrf(request, csrf);
            return user;
        }

        return await CredentialsAsync(request).ConfigureAwait(false);
    }

    /// <returns>The caller named by the Authorization header (Basic or Bearer), or null.</returns>
    public async Task<string?> CredentialsAsync(HttpRequest request)
    {
        var settings = options.Value;
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header) || header.Parameter is null)
        {
            return null;
        }

        if (header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return await tokens.ValidateAsync(header.Parameter).ConfigureAwait(false);
        }

        if (header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(settings.BasicAuthPassword))
        {
            return MatchBasic(header.Parameter, settings) ? settings.BasicAuthUser : null;
        }

        return null;
    }

    /// <summary>The WWW-Authenticate challenge sent with a 401.</summary>
    public string Challenge => tokens.Enabled ? "Bearer, Basic realm=\"mcpgateway\"" : "Basic realm=\"mcpgateway\"";

    private static bool MatchBasic(string parameter, AuthOptions settings)
    {
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
        }
        catch (FormatException)
        {
            return false;
        }

        var separator = decoded.IndexOf(':', StringComparison.Ordinal);
        if (separator < 0)
        {
            return false;
        }

        return FixedTimeEquals(decoded[..separator], settings.BasicAuthUser)
            & FixedTimeEquals(decoded[(separator + 1)..], settings.BasicAuthPassword);
    }

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));
}
