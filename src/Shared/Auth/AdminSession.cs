using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using McpGateway.Shared.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace McpGateway.Shared.Auth;

/// <summary>
/// The Admin UI's sign-in session: an HttpOnly, Secure, SameSite=Strict cookie holding a session id, the user, expiry
/// and CSRF token, sealed with AES-GCM under AUTH_ENCRYPTION_SECRET so any instance can read it and nobody can forge it.
/// Signing out records the session id in <see cref="SignedOutSessions"/>, so every instance refuses the cookie from then
/// on, though it has not expired. The CSRF token
/// is also set in a cookie the UI's script can read; state-changing requests must echo it in <see cref="CsrfHeader"/>
/// (a double submit that the sealed copy makes unforgeable even by someone who can plant cookies).
/// </summary>
public sealed class AdminSession(SecretProtector protector, SignedOutSessions signedOut, IOptions<AuthOptions> options, TimeProvider time)
{
    public const string CookieName = "__Host-mcpgw-session";
    public const string CsrfCookieName = "__Host-mcpgw-csrf";
    public const string CsrfHeader = "X-CSRF-Token";
    private const string Purpose = "admin-session";

    /// <summary>Signs <paramref name="user"/> in for TOKEN_EXPIRY minutes; returns the CSRF token.</summary>
    public string Start(HttpResponse response, string user)
    {
        var csrf = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        var expires = time.GetUtcNow().AddMinutes(options.Value.TokenExpiryMinutes);
        var sessionId = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var sealedTicket = protector.Protect(JsonSerializer.Serialize(new Ticket(Purpose, sessionId, user, expires.ToUnixTimeSeconds(), csrf)));
        response.Cookies.Append(CookieName, sealedTicket, Cookie(httpOnly: true, expires));
        response.Cookies.Append(CsrfCookieName, csrf, Cookie(httpOnly: false, expires));
        return csrf;
    }

    /// <summary>
    /// True for the Admin UI's own API calls (they send X-Requested-With), whose 401s carry no WWW-Authenticate challenge:
    /// it would make the browser open its own credentials dialog over the UI's sign-in form.
    /// </summary>
    public static bool IsUiRequest(HttpRequest request) => request.Headers.XRequestedWith.Count > 0;

    /// <summary>
    /// Signs the request's session out on every instance (when it carries a valid one, with its CSRF token) and deletes
    /// the cookies.
    /// </summary>
    /// <exception cref="Http.ApiProblem">403: a valid session without its CSRF token.</exception>
    public async Task EndAsync(HttpContext context)
    {
        if (await ActiveTicketAsync(context.Request).ConfigureAwait(false) is { } ticket)
        {
            RequireCsrf(context.Request, ticket.Csrf);
            var session = new SignedOutSession(ticket.SessionId, DateTimeOffset.FromUnixTimeSeconds(ticket.ExpiresAt));
            await signedOut.SignOutAsync(session, context.RequestAborted).ConfigureAwait(false);
        }

        context.Response.Cookies.Delete(CookieName, Cookie(httpOnly: true, null));
        context.Response.Cookies.Delete(CsrfCookieName, Cookie(httpOnly: false, null));
    }

    /// <returns>
    /// The signed-in user and the session's CSRF token, or null without a valid, unexpired session cookie or when the
    /// session was signed out.
    /// </returns>
    public async ValueTask<(string User, string Csrf)?> ReadAsync(HttpRequest request) =>
        await ActiveTicketAsync(request).ConfigureAwait(false) is { } ticket ? (ticket.User, ticket.Csrf) : null;

    /// <summary>Throws 403 when a state-changing request does not echo the session's CSRF token.</summary>
    public static void RequireCsrf(HttpRequest request, string expected)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            return;
        }

        var sent = request.Headers[CsrfHeader].ToString();
        if (!CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(sent), System.Text.Encoding.UTF8.GetBytes(expected)))
        {
            throw Http.ApiProblem.Forbidden($"A signed-in browser session must send its CSRF token in the {CsrfHeader} header on {request.Method} requests.");
        }
    }

    // The __Host- prefix asks browsers to accept the cookies only when Secure, for Path=/ and without a Domain.
    private static CookieOptions Cookie(bool httpOnly, DateTimeOffset? expires) => new()
    {
        HttpOnly = httpOnly,
        Secure = true,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        Expires = expires,
        IsEssential = true,
    };

    /// <returns>The cookie's ticket, or null without one that is valid, unexpired and not signed out.</returns>
    private async ValueTask<Ticket?> ActiveTicketAsync(HttpRequest request) =>
        Unseal(request) is { } ticket && !await signedOut.IsSignedOutAsync(ticket.SessionId, request.HttpContext.RequestAborted).ConfigureAwait(false)
            ? ticket
            : null;

    /// <returns>The cookie's ticket, or null without a cookie this gateway sealed that has not expired.</returns>
    private Ticket? Unseal(HttpRequest request)
    {
        if (!request.Cookies.TryGetValue(CookieName, out var sealedTicket) || string.IsNullOrEmpty(sealedTicket))
        {
            return null;
        }

        Ticket? ticket;
        try
        {
            ticket = JsonSerializer.Deserialize<Ticket>(protector.Unprotect(sealedTicket));
        }
        catch (Exception ex) when (ex is CryptographicException or JsonException or FormatException)
        {
            return null;
        }

        // A cookie from before sessions had ids cannot be signed out, so it is no session: its user signs in again.
        return ticket is { Purpose: Purpose, SessionId.Length: > 0 } && ticket.ExpiresAt > time.GetUtcNow().ToUnixTimeSeconds() ? ticket : null;
    }

    private sealed record Ticket(
        [property: JsonPropertyName("purpose")] string Purpose,
        [property: JsonPropertyName("sid")] string SessionId,
        [property: JsonPropertyName("user")] string User,
        [property: JsonPropertyName("exp")] long ExpiresAt,
        [property: JsonPropertyName("csrf")] string Csrf);
}
