using System.Security.Cryptography;
using System.Text;
using McpGateway.Shared.Catalog.Credentials;
using McpGateway.Shared.Storage;

namespace McpGateway.Shared.Catalog.Gateways;

/// <summary>A registered peer gateway as stored. Unique by name, by slug (derived from the name) and by URL.</summary>
public sealed record PeerGatewayRecord : ICatalogItem
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>The name in URL- and prefix-safe form: federated tools are named after it.</summary>
    public required string Slug { get; init; }

    /// <summary>The peer's URL; a password in its userinfo is masked here and kept in <see cref="UrlPassword"/>.</summary>
    public required string Url { get; init; }

    /// <summary>The password of the URL's userinfo, encrypted.</summary>
    public string? UrlPassword { get; init; }

    public string? Description { get; init; }

    /// <summary>SSE or STREAMABLEHTTP; null until the transport is detected on first connection.</summary>
    public string? Transport { get; init; }

    public StoredAuth? Auth { get; init; }

    /// <summary>Client headers forwarded to this peer; null means the gateway-wide default applies.</summary>
    public IReadOnlyList<string>? PassthroughHeaders { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public bool Enabled { get; init; } = true;

    public bool Reachable { get; init; } = true;

    public DateTimeOffset? LastSeen { get; init; }

    /// <summary>Whether federated names carry the slug prefix; false presents the upstream's names exactly.</summary>
    public bool PrefixNames { get; init; } = true;

    /// <summary>
    /// Whether federated resource URIs are namespaced <c>{slug}+{uri}</c>, so that two peers (or one upstream registered
    /// twice) may offer the same URIs.
    /// </summary>
    public bool PrefixResources { get; init; }

    /// <summary>
    /// Whether the gateway checks a call's arguments against the upstream's declared input schema before forwarding it.
    /// Off by default: the upstream judges its own arguments, and a validator that reads a schema differently would
    /// refuse calls the upstream accepts.
    /// </summary>
    public bool ValidateArguments { get; init; }

    /// <summary>
    /// The MCP revision spoken to the upstream, pinned by the operator (an upstream that mishandles a newer one), or
    /// null for the newest both sides support.
    /// </summary>
    public string? ProtocolVersion { get; init; }

    /// <summary>
    /// The revision the upstream last agreed to when the gateway did not pin one. An upstream older than 2026-07-28
    /// is then spoken to in that revision, without asking <c>server/discover</c> first, which it would refuse.
    /// </summary>
    public string? UpstreamRevision { get; init; }

    /// <summary>For transport STDIO: the program to run, its arguments and its (encrypted) environment.</summary>
    public StdioCommand? Stdio { get; init; }

    /// <summary>The MCP endpoint and transport found when connecting (the URL may name just the peer's base).</summary>
    public string? Endpoint { get; init; }

    /// <summary>Failed health checks in a row; UNHEALTHY_THRESHOLD of them make the gateway unreachable.</summary>
    public int ConsecutiveFailures { get; init; }

    public DateTimeOffset? LastSyncAt { get; init; }

    /// <summary>Why the last connection, sync or health check failed, for operators.</summary>
    public string? LastError { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>
    /// The URL is compared in canonical form (case of scheme and host, default port, trailing slash ignored)
    /// and kept as a hash, because a 2 KiB URL would not fit the 1 KiB row key of its index row.
    /// </summary>
    public IEnumerable<UniqueKey> UniqueKeys() =>
    [
        new("name", Name, $"a gateway named '{Name}'"),
        new("slug", Slug, $"a gateway whose name gives the slug '{Slug}'"),
        new("url", UrlKey(Url), $"a gateway with the URL '{Url}'"),
    ];

    private static string UrlKey(string url)
    {
        var canonical = new Uri(url, UriKind.Absolute).GetComponents(UriComponents.AbsoluteUri & ~UriComponents.Fragment, UriFormat.UriEscaped).TrimEnd('/');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
