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

    /// <summary>The URL with its password (if any) replaced by <see cref="AuthCodec.Mask"/>.</summary>
    public static string Masked(Uri url) =>
        Credentials(url) is null
            ? url.OriginalString
            : $"{url.Scheme}://{url.UserInfo[..url.UserInfo.IndexOf(':', StringComparison.Ordinal)]}:{AuthCodec.Mask}@{url.Authority}{url.PathAndQuery}{url.Fragment}";

    /// <summary>The URL to connect to: userinfo removed, since it is sent as a header.</summary>
    public static Uri Without(Uri url) =>
        url.UserInfo.Length == 0 ? url : new UriBuilder(url) { UserName = string.Empty, Password = string.Empty }.Uri;
}
