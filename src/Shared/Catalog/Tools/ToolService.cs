using System.Text.Json;
using McpGateway.Shared.Catalog.Credentials;
using McpGateway.Shared.Catalog.Gateways;
using McpGateway.Shared.Catalog.Snapshot;
using McpGateway.Shared.Http;
using McpGateway.Shared.Notifications;
using McpGateway.Shared.Observability;
using McpGateway.Shared.Storage;
using McpGateway.Shared.Upstreams.Outbound;

namespace McpGateway.Shared.Catalog.Tools;

/// <summary>The tool catalog: REST endpoints adapted into MCP tools, and tools of federated MCP servers.</summary>
public sealed class ToolService(CatalogStorage storage, ICatalogReadiness readiness, MetricsStore metrics, EventPublisher events, AuthCodec authCodec, OutboundPolicy outbound, PeerGatewayService peers, TimeProvider time)
    : CatalogService<ToolRecord, ToolInput>(storage.Table<ToolRecord>(CatalogKind.Tools.Plural), readiness, metrics, events, time)
{
    public const string Rest = "REST";
    public const string Mcp = "MCP";

    private static readonly string[] RestVerbs = ["GET", "POST", "PUT", "PATCH", "DELETE"];
    private static readonly string[] McpTransports = ["SSE", "STREAMABLEHTTP", "STDIO"];

    public override CatalogKind Kind => CatalogKind.Tools;

    protected override ToolRecord Create(ToolInput input, string id, DateTimeOffset now)
    {
        var integrationType = IntegrationType(input.IntegrationType ?? Rest);
        var record = new ToolRecord
        {
            Id = id,
            Name = CatalogValidation.Name(input.Name),
            IntegrationType = integrationType,
            RequestType = RequestType(input.RequestType ?? (integrationType == Rest ? "POST" : "STREAMABLEHTTP"), integrationType),
            InputSchema = JsonSchemaRules.ObjectSchema(input.InputSchema, "input_schema"),
            CreatedAt = now,
            UpdatedAt = now,
        };
        if (integrationType == Rest && input.Url is null)
        {
            throw ApiProblem.Invalid("url", "'url' is required for REST tools.");
        }

        return Apply(record, input);
    }

    protected override ToolRecord Update(ToolRecord current, ToolInput input, DateTimeOffset now)
    {
        var integrationType = input.IntegrationType is null ? current.IntegrationType : IntegrationType(input.IntegrationType);
        var updated = current with
        {
            Name = input.Name is null ? current.Name : CatalogValidation.Name(input.Name),
            IntegrationType = integrationType,
            RequestType = RequestType(input.RequestType ?? current.RequestType, integrationType),
            InputSchema = input.InputSchema is null ? current.InputSchema : JsonSchemaRules.ObjectSchema(input.InputSchema, "input_schema"),
            UpdatedAt = now,
        };
        return Apply(updated, input);
    }

    protected override ToolRecord WithEnabled(ToolRecord record, bool enabled, DateTimeOffset now) =>
        record with { Enabled = enabled, UpdatedAt = now };

    protected override bool IsActive(ToolRecord record) => record.Enabled && peers.Serves(record.GatewayId);

    public override object ToRead(CatalogEntry<ToolRecord> entry, MetricsSummary metricsSummary)
    {
        var t = entry.Document;
        return new ToolRead(
            t.Id, t.Name, t.Url, t.Description, t.IntegrationType, t.RequestType, t.Headers, t.InputSchema, t.OutputSchema,
            t.Annotations, AuthCodec.ToRead(t.Auth), t.JsonpathFilter, t.Tags, IsActive(t), t.Reachable && peers.Reaches(t.GatewayId), t.GatewayId,
            t.CreatedAt, t.UpdatedAt, entry.Revision, metricsSummary);
    }

    /// <summary>The members both create and update treat alike: each changes only when sent.</summary>
    private ToolRecord Apply(ToolRecord record, ToolInput input) => WithUrl(record, input.Url) with
    {
        Description = input.Description is null ? record.Description : CatalogValidation.Description(input.Description),
        Headers = input.Headers is null ? record.Headers : CatalogValidation.Headers(input.Headers),
        OutputSchema = input.OutputSchema is null ? record.OutputSchema : JsonSchemaRules.OptionalSchema(input.OutputSchema, "output_schema"),
        Annotations = input.Annotations is null ? record.Annotations : Annotations(input.Annotations.Value),
        Auth = authCodec.Build(input.Auth, record.Auth),
        JsonpathFilter = input.JsonpathFilter is null ? record.JsonpathFilter : JsonpathFilter(input.JsonpathFilter),
        Tags = input.Tags is null ? record.Tags : CatalogValidation.Tags(input.Tags),
        Enabled = input.Enabled ?? record.Enabled,
    };

    /// <summary>The URL when one is sent, its password encrypted and masked (a masked one keeps the stored password).</summary>
    private ToolRecord WithUrl(ToolRecord record, string? url)
    {
        if (url is null)
        {
            return record;
        }

        var (stored, password) = authCodec.SealUrl(Url(url), record.UrlPassword);
        return record with { Url = stored, UrlPassword = password };
    }

    private string Url(string? url) => CatalogValidation.OutboundUrl(url, outbound).ToString();

    private static string IntegrationType(string value) => value.ToUpperInvariant() switch
    {
        Rest => Rest,
        Mcp => Mcp,
        _ => throw ApiProblem.Invalid("integration_type", $"'integration_type' must be REST or MCP, not '{value}'."),
    };

    private static string RequestType(string value, string integrationType)
    {
        var upper = value.ToUpperInvariant();
        var allowed = integrationType == Rest ? RestVerbs : McpTransports;
        return allowed.Contains(upper)
            ? upper
            : throw ApiProblem.Invalid("request_type", $"'request_type' must be one of {string.Join(", ", allowed)} for {integrationType} tools, not '{value}'.");
    }

    private static JsonElement? Annotations(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.Object => value.Clone(),
        _ => throw ApiProblem.Invalid("annotations", "'annotations' must be an object such as {\"readOnlyHint\": true}."),
    };

    private static string? JsonpathFilter(string value) =>
        value.Length == 0 ? null
            : value.StartsWith('$') && value.Length <= 1024 ? value
            : throw ApiProblem.Invalid("jsonpath_filter", "'jsonpath_filter' must be a JSONPath expression starting with '$' (at most 1024 characters).");
}
