using System.Text.Json.Serialization;
using McpGateway.Shared.Catalog.Credentials;
using McpGateway.Shared.Http;

namespace McpGateway.Shared.Catalog.Gateways;

/// <summary>
/// The body of POST and PUT /gateways. On update only the members present change. Credentials come as
/// <c>auth</c> (as for tools) or as ContextForge's flat <c>auth_type</c>, <c>auth_username</c>, ... members.
/// </summary>
public sealed record PeerGatewayInput
{
    public string? Name { get; init; }

    public string? Url { get; init; }

    public string? Description { get; init; }

    public string? Transport { get; init; }

    public AuthInput? Auth { get; init; }

    public string? AuthType { get; init; }

    public string? AuthUsername { get; init; }

    public string? AuthPassword { get; init; }

    public string? AuthToken { get; init; }

    public string? AuthHeaderKey { get; init; }

    public string? AuthHeaderValue { get; init; }

    public IReadOnlyList<AuthHeaderInput>? AuthHeaders { get; init; }

    [JsonConverter(typeof(ListOrCommaSeparatedConverter))]
    public IReadOnlyList<string>? PassthroughHeaders { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }

    public bool? Enabled { get; init; }

    public bool? PrefixNames { get; init; }

    public bool? PrefixResources { get; init; }

    public bool? ValidateArguments { get; init; }

    /// <summary>
    /// The MCP revision to speak to this upstream. Absent keeps what is stored (at registration: the newest both sides
    /// support); null removes a pin.
    /// </summary>
    public string? ProtocolVersion
    {
        get => protocolVersion;
        init
        {
            protocolVersion = value;
            ProtocolVersionSent = true;
        }
    }

    /// <summary>Whether the body had <c>protocol_version</c> at all, which tells a null that unpins from a member left out.</summary>
    [JsonIgnore]
    public bool ProtocolVersionSent { get; private init; }

    private readonly string? protocolVersion;

    /// <summary>For transport STDIO (container host only): the program that speaks MCP on its stdin and stdout.</summary>
    public string? Command { get; init; }

    public IReadOnlyList<string>? Args { get; init; }

    /// <summary>Environment of the stdio program; values are encrypted at rest and masked in responses.</summary>
    public IReadOnlyDictionary<string, string>? Env { get; init; }

    /// <summary>The credentials sent, in whichever form.</summary>
    public AuthInput? Credentials() => Auth ?? (AuthType is null ? null : new AuthInput
    {
        AuthType = AuthType,
        Username = AuthUsername,
        Password = AuthPassword,
        Token = AuthToken,
        AuthHeaderKey = AuthHeaderKey,
        AuthHeaderValue = AuthHeaderValue,
        AuthHeaders = AuthHeaders,
    });
}
