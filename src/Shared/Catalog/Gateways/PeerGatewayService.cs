using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using McpGateway.Shared.Auth;
using McpGateway.Shared.Catalog.Credentials;
using McpGateway.Shared.Catalog.Snapshot;
using McpGateway.Shared.Http;
using McpGateway.Shared.Notifications;
using McpGateway.Shared.Observability;
using McpGateway.Shared.Protocol;
using McpGateway.Shared.Storage;
using McpGateway.Shared.Upstreams.Outbound;

namespace McpGateway.Shared.Catalog.Gateways;

/// <summary>
/// Registrations of peer gateways (federation). Registering only stores the peer: connecting to it,
/// detecting its transport and syncing its catalog happen in the federation jobs.
/// </summary>
public sealed partial class PeerGatewayService(
    CatalogStorage storage, ICatalogReadiness readiness, MetricsStore metrics, EventPublisher events, AuthCodec authCodec, SecretProtector protector, StdioCommandAllowList stdioCommands,
    GatewayHostInfo host, OutboundPolicy outbound, TimeProvider time)
    : CatalogService<PeerGatewayRecord, PeerGatewayInput>(storage.Table<PeerGatewayRecord>(CatalogKind.Gateways.Plural), readiness, metrics, events, time)
{
    public const int MaxPassthroughHeaders = 50;

    public const string StdioTransport = "STDIO";
    private static readonly string[] Transports = ["SSE", "STREAMABLEHTTP", StdioTransport];

    public override CatalogKind Kind => CatalogKind.Gateways;

    protected override PeerGatewayRecord Create(PeerGatewayInput input, string id, DateTimeOffset now)
    {
        var name = CatalogValidation.Name(input.Name);
        var record = new PeerGatewayRecord
        {
            Id = id,
            Name = name,
            Slug = Slug(name),
            // A stdio upstream has no URL; its slug names it uniquely instead.
            Url = input.Url is null && string.Equals(input.Transport?.Trim(), StdioTransport, StringComparison.OrdinalIgnoreCase)
                ? $"stdio://{Slug(name)}"
                : Url(input.Url),
            CreatedAt = now,
            UpdatedAt = now,
        };
        return Apply(record, input);
    }

    protected override PeerGatewayRecord Update(PeerGatewayRecord current, PeerGatewayInput input, DateTimeOffset now)
    {
        var name = input.Name is null ? current.Name : CatalogValidation.Name(input.Name);
        var updated = current with
        {
            Name = name,
            Slug = Slug(name),
            Url = input.Url is null ? current.Url : Url(input.Url),
            // The next connection asks the upstream afresh which revisions it speaks: an operator may have changed it.
            UpstreamRevision = null,
            UpdatedAt = now,
        };
        return Apply(updated, input);
    }

    protected override PeerGatewayRecord WithEnabled(PeerGatewayRecord record, bool enabled, DateTimeOffset now) =>
        record with { Enabled = enabled, UpdatedAt = now };

    protected override JsonObject Summary(PeerGatewayRecord record)
    {
        var summary = base.Summary(record);
        summary["url"] = record.Url;
        summary["reachable"] = record.Reachable;
        return summary;
    }

    /// <remarks>Peers have no per-item execution metrics (their tools do), so <paramref name="metricsSummary"/> is not shown.</remarks>
    public override object ToRead(CatalogEntry<PeerGatewayRecord> entry, MetricsSummary metricsSummary)
    {
        var g = entry.Document;
        return new PeerGatewayRead(
            g.Id, g.Name, g.Slug, g.Url, g.Description, g.Transport, AuthCodec.ToRead(g.Auth), g.PassthroughHeaders, g.Tags, g.Enabled,
            g.Reachable, g.LastSeen, g.PrefixNames, g.PrefixResources, g.ValidateArguments, g.ProtocolVersion, g.UpstreamRevision,
            g.Stdio is null ? null : new StdioCommandRead(g.Stdio.Command, g.Stdio.Args, g.Stdio.EnvNames.ToDictionary(n => n, _ => AuthCodec.Mask)),
            g.Endpoint, g.ConsecutiveFailures, g.LastSyncAt, g.LastError, g.CreatedAt, g.UpdatedAt);
    }

    /// <summary>Whether the peer that federated an item (none for the gateway's own items) is switched on.</summary>
    public bool Serves(string? gatewayId) => gatewayId is null || Snapshot.Find(gatewayId)?.Document.Enabled != false;

    /// <summary>Whether the peer that federated an item (none for the gateway's own items) answers its health checks.</summary>
    public bool Reaches(string? gatewayId) => gatewayId is null || Snapshot.Find(gatewayId)?.Document.Reachable != false;

    /// <summary>Whether calls of a tool are checked against its input schema here: always for the gateway's own tools, for a federated tool when its peer asks.</summary>
    public bool ValidatesArgumentsOf(string? gatewayId) => gatewayId is null || Snapshot.Find(gatewayId)?.Document.ValidateArguments == true;

    /// <summary>The name lower-cased, accents dropped, every run of other characters than a-z and 0-9 turned into one '-'.</summary>
    public static string Slug(string name)
    {
        var letters = name.Normalize(NormalizationForm.FormD)
            .Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            .ToArray();
        var slug = NonAlphanumerics().Replace(new string(letters).ToLowerInvariant(), "-").Trim('-');
        return slug.Length > 0
            ? slug
            : throw ApiProblem.Invalid("name", "'name' must contain at least one letter or digit (a-z, 0-9), from which the gateway's slug is made.");
    }

    /// <summary>The members both create and update treat alike: each changes only when sent.</summary>
    private PeerGatewayRecord Apply(PeerGatewayRecord record, PeerGatewayInput input) => Checked(WithSealedUrl(record, input.Url is not null) with
    {
        Description = input.Description is null ? record.Description : CatalogValidation.Description(input.Description),
        Transport = input.Transport is null ? record.Transport : Transport(input.Transport),
        Auth = authCodec.Build(input.Credentials(), record.Auth),
        PassthroughHeaders = input.PassthroughHeaders is null ? record.PassthroughHeaders : PassthroughHeaders(input.PassthroughHeaders),
        Tags = input.Tags is null ? record.Tags : CatalogValidation.Tags(input.Tags),
        Enabled = input.Enabled ?? record.Enabled,
        PrefixNames = input.PrefixNames ?? record.PrefixNames,
        PrefixResources = input.PrefixResources ?? record.PrefixResources,
        ValidateArguments = input.ValidateArguments ?? record.ValidateArguments,
        ProtocolVersion = !input.ProtocolVersionSent ? record.ProtocolVersion : input.ProtocolVersion is null ? null : ProtocolVersion(input.ProtocolVersion),
        Stdio = input.Command is null && input.Args is null && input.Env is null ? record.Stdio : Stdio(input, record.Stdio),
    });

    /// <summary>Rules across members: a resource prefix becomes part of a URI scheme, which must start with a letter.</summary>
    private static PeerGatewayRecord Checked(PeerGatewayRecord record) =>
        record.PrefixResources && !char.IsAsciiLetter(record.Slug[0])
            ? throw ApiProblem.Invalid("prefix_resources", $"'prefix_resources' makes '{record.Slug}+' the scheme of resource URIs, so the name must start with a letter.")
            : record;

    /// <summary>
    /// Validates the program of a stdio upstream, which must be one STDIO_ALLOWED_COMMANDS allows; masked environment
    /// values keep the stored ones.
    /// </summary>
    private StdioCommand Stdio(PeerGatewayInput input, StdioCommand? current)
    {
        if (host.Name != "container")
        {
            throw ApiProblem.Invalid("transport", "stdio upstreams run as child processes of the container host; the Functions app cannot host them.");
        }

        var command = CatalogValidation.Required(input.Command ?? current?.Command, "command");
        EnsureAllowed(command);
        var previous = current?.ProtectedEnv is { } sealedEnv
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(protector.Unprotect(sealedEnv)) ?? []
            : new Dictionary<string, string>();
        var env = input.Env is null
            ? previous
            : input.Env.ToDictionary(e => e.Key, e => e.Value == AuthCodec.Mask && previous.TryGetValue(e.Key, out var kept) ? kept : e.Value);
        return new StdioCommand(command, input.Args ?? current?.Args ?? [], [.. env.Keys], env.Count == 0 ? null : protector.Protect(JsonSerializer.Serialize(env)));
    }

    /// <summary>An imported gateway is stored as exported, so its stdio program is checked here rather than in <see cref="Stdio"/>.</summary>
    /// <exception cref="ApiProblem">403: STDIO_ALLOWED_COMMANDS does not allow the gateway's program.</exception>
    public void AdmitImported(PeerGatewayRecord gateway)
    {
        if (gateway.Stdio is { } stdio)
        {
            EnsureAllowed(stdio.Command);
        }
    }

    private void EnsureAllowed(string command)
    {
        if (stdioCommands.Resolve(command) is null)
        {
            throw ApiProblem.Forbidden(stdioCommands.Refusal(command));
        }
    }

    /// <summary>The decrypted environment of a stdio upstream, for starting it.</summary>
    public IReadOnlyDictionary<string, string> StdioEnvironment(StdioCommand stdio) =>
        stdio.ProtectedEnv is null ? new Dictionary<string, string>() : JsonSerializer.Deserialize<Dictionary<string, string>>(protector.Unprotect(stdio.ProtectedEnv)) ?? [];

    /// <summary>A URL just sent has its password encrypted and masked; a masked one keeps the password stored before.</summary>
    private PeerGatewayRecord WithSealedUrl(PeerGatewayRecord record, bool urlSent)
    {
        if (!urlSent)
        {
            return record;
        }

        var (url, password) = authCodec.SealUrl(record.Url, record.UrlPassword);
        return record with { Url = url, UrlPassword = password };
    }

    /// <summary>Kept as sent (after validation): a peer's base URL, to which the transport's path is added later.</summary>
    private string Url(string? url) => CatalogValidation.OutboundUrl(url, outbound).OriginalString;

    private static string Transport(string value) =>
        Transports.FirstOrDefault(t => t.Equals(value.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw ApiProblem.Invalid("transport", $"'transport' must be SSE, STREAMABLEHTTP or STDIO (or absent to detect it), not '{value}'.");

    private static string ProtocolVersion(string value) =>
        ProtocolRevisions.IsSupported(value)
            ? value
            : throw ApiProblem.Invalid("protocol_version", $"'protocol_version' must be one of {string.Join(", ", ProtocolRevisions.All)} (or null for the newest), not '{value}'.");

    private static IReadOnlyList<string> PassthroughHeaders(IReadOnlyList<string> names)
    {
        const string field = "passthrough_headers";
        var distinct = names.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (distinct.Count > MaxPassthroughHeaders)
        {
            throw ApiProblem.Invalid(field, $"'{field}' may name at most {MaxPassthroughHeaders} headers.");
        }

        CatalogValidation.Headers(distinct.ToDictionary(name => name, _ => string.Empty, StringComparer.OrdinalIgnoreCase), field);
        return distinct;
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonAlphanumerics();
}
