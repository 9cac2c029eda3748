using System.Text.RegularExpressions;
using McpGateway.Shared.Catalog.Credentials;

namespace McpGateway.Host.Logging;

/// <summary>
/// Masks the secrets a logged URL may carry: token-like query parameters (<c>?access_token=</c>, which browsers'
/// WebSocket and SignalR clients send) and the password of a URL's userinfo (<c>http://user:pass@host/</c>).
/// </summary>
public static partial class LogRedaction
{
    /// <summary><paramref name="text"/> with every such secret replaced by the mask responses show for secrets.</summary>
    public static string Redact(string text) =>
        text.Contains('=', StringComparison.Ordinal) || text.Contains('@', StringComparison.Ordinal)
            ? UserInfoPassword().Replace(SecretQueryValue().Replace(text, AuthCodec.Mask), AuthCodec.Mask)
            : text;

    [GeneratedRegex(@"(?<=[?&](?:access_token|id_token|refresh_token|token|api_key|apikey|client_secret|password|sig)=)[^&#\s""']+", RegexOptions.IgnoreCase)]
    private static partial Regex SecretQueryValue();

    [GeneratedRegex(@"(?<=\b[a-z][a-z0-9+.-]*://[^/?#\s:@]*:)[^/?#\s@]+(?=@)", RegexOptions.IgnoreCase)]
    private static partial Regex UserInfoPassword();
}
