using McpGateway.Shared.Catalog.Credentials;

namespace McpGateway.Shared.Catalog.Gateways;

/// <summary>A peer gateway as the API returns it (ContextForge's GatewayRead): secrets masked.</summary>
public sealed record PeerGatewayRead(
    string Id,
    string Name,
    string Slug,
    string Url,
    string? Description,
    string? Transport,
    AuthRead? Auth,
    IReadOnlyList<string>? PassthroughHeaders,
    IReadOnlyList<string> Tags,
    bool Enabled,
    bool Reachable,
    DateTimeOffset? LastSeen,
    bool PrefixNames,
    bool PrefixResources,
    bool ValidateArguments,
    string? ProtocolVersion,
    string? UpstreamRevision,
    StdioCommandRead? Stdio,
    string? Endpoint,
    int ConsecutiveFailures,
    DateTimeOffset? LastSyncAt,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
