namespace McpGateway.Shared.Catalog.Credentials;

/// <summary>
/// The userinfo of a URL (<c>http://user:pass@host/</c>). HttpClient never sends it, and its password is a secret
/// like those of <c>auth</c>: the URL is stored and shown with the password masked, and calls present the userinfo
/// as Basic credentials instead.
/// </summary>
public static class UrlUserInfo
{
    /// <returns>The user name and password (both unescaped), or null when the URL carries no password.</returns>
    public static (string User, string Password)? Credentials(Uri url) =>
        url.IsAbsoluteUri && url.UserInfo.Split(':', 2) is [var user, var password]
            ? (Uri.UnescapeDataString(user), Uri.UnescapeDataString(password))
            : null;

    /// <summary>
    /// <paramref name="url"/> with its password (if any) replaced by <see cref="AuthCodec.Mask"/>, and otherwise as
    /// written: a REST tool's <c>{placeholders}</c> must stay unescaped.
    /// </summary>
    public static string Masked(string url)
    {
        var parsed = new Uri(url, UriKind.Absolute);
        if (Credentials(parsed) is null)
        {
            return url;
        }

        // The authority ends at the first '/', '?' or '#'; in it the host follows the last '@', and the user name
        // (which cannot hold a raw ':') ends at the first ':'.
        var start = url.IndexOf("://", StringComparison.Ordinal) + 3;
        var end = url.IndexOfAny(['/', '?', '#'], start) is var found and >= 0 ? found : url.Length;
        var hostStart = url.LastIndexOf('@', end - 1, end - start);
        var separator = url.IndexOf(':', start, hostStart - start);
        return url[..(separator + 1)] + AuthCodec.Mask + url[hostStart..];
    }

    /// <summary>The URL to connect to: userinfo removed, since it is sent as a header.</summary>
    public static Uri Without(Uri url) =>
        url.UserInfo.Length == 0 ? url : new UriBuilder(url) { UserName = string.Empty, Password = string.Empty }.Uri;
}
