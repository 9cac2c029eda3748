using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;
using McpGateway.Shared.Catalog.Gateways;
using McpGateway.Shared.Configuration;
using McpGateway.Shared.Catalog.Snapshot;
using McpGateway.Shared.Http;
using McpGateway.Shared.Notifications;
using McpGateway.Shared.Observability;
using McpGateway.Shared.Storage;
using Microsoft.Extensions.Options;

namespace McpGateway.Shared.Catalog.Resources;

/// <summary>
/// The resource catalog: content (text or binary) kept with each resource, and resource templates
/// (RFC 6570) that describe a family of URIs and have no content of their own.
/// </summary>
public sealed class ResourceService(
    CatalogStorage storage, ICatalogReadiness readiness, ContentCache contents, MetricsStore metrics, EventPublisher events, IOptions<ResourceOptions> options, PeerGatewayService peers, TimeProvider time)
    : CatalogService<ResourceRecord, ResourceInput>(storage.Table<ResourceRecord>(CatalogKind.Resources.Plural), readiness, metrics, events, time)
{
    public override CatalogKind Kind => CatalogKind.Resources;

    protected override string AlternateKey => "uri";

    protected override ResourceRecord Create(ResourceInput input, string id, DateTimeOffset now)
    {
        var uri = ResourceValidation.Uri(input.Uri);
        var template = TemplateOf(uri, input.UriTemplate is { } t ? ResourceValidation.Template(t) : null);
        var content = Measure(input, template is not null);
        if (template is null && content is null)
        {
            throw ApiProblem.Invalid("content", "'content' (text) or 'blob' (base64) is required for a resource that is not a template.");
        }

        var name = CatalogValidation.Name(input.Name);
        var binary = content?.Binary ?? false;
        var record = new ResourceRecord
        {
            Id = id,
            Uri = uri,
            Name = name,
            UriTemplate = template,
            MimeType = MimeTypeOf(input, null, uri, name, binary, template is not null),
            Size = content?.Size,
            Binary = binary,
            CreatedAt = now,
            UpdatedAt = now,
        };
        return Apply(record, input);
    }

    protected override ResourceRecord Update(ResourceRecord current, ResourceInput input, DateTimeOffset now)
    {
        var uri = input.Uri is null ? current.Uri : ResourceValidation.Uri(input.Uri);
        var namedTemplate = input.UriTemplate is { } t ? ResourceValidation.Template(t)
            : current.UriTemplate != current.Uri ? current.UriTemplate
            : null;
        var template = TemplateOf(uri, namedTemplate);
        if ((template is not null) != current.IsTemplate)
        {
            throw ApiProblem.Invalid(
                input.UriTemplate is null ? "uri" : "uri_template",
                "A resource template cannot become a resource with content, nor the other way round: create a new resource instead.");
        }

        var content = Measure(input, template is not null);
        var name = input.Name is null ? current.Name : CatalogValidation.Name(input.Name);
        var binary = content?.Binary ?? current.Binary;
        var updated = current with
        {
            Uri = uri,
            Name = name,
            UriTemplate = template,
            MimeType = MimeTypeOf(input, current.MimeType, uri, name, binary, template is not null),
            Size = content?.Size ?? current.Size,
            Binary = binary,
            UpdatedAt = now,
        };
        return Apply(updated, input);
    }

    protected override ResourceRecord WithEnabled(ResourceRecord record, bool enabled, DateTimeOffset now) =>
        record with { Enabled = enabled, UpdatedAt = now };

    /// <remarks>The URI too: <c>/resources/subscribe/{uri}</c> streams and MCP subscriptions follow a resource by it.</remarks>
    protected override JsonObject Summary(ResourceRecord record)
    {
        var summary = base.Summary(record);
        summary["uri"] = record.Uri;
        return summary;
    }

    protected override bool IsActive(ResourceRecord record) => record.Enabled && peers.Serves(record.GatewayId);

    public override object ToRead(CatalogEntry<ResourceRecord> entry, MetricsSummary metricsSummary)
    {
        var r = entry.Document;
        return new ResourceRead(
            r.Id, r.Uri, r.Name, r.Description, r.MimeType, r.UriTemplate, r.Size, r.Tags, IsActive(r), r.GatewayId, r.CreatedAt, r.UpdatedAt,
            entry.Revision, metricsSummary);
    }

    protected override ReadOnlyMemory<byte>? ContentOf(ResourceInput input)
    {
        if (Measure(input, template: false) is null)
        {
            return null;
        }

        return input.Blob is { } blob ? Convert.FromBase64String(blob) : Encoding.UTF8.GetBytes(input.Content!);
    }

    /// <summary>
    /// The content of an active, concrete resource addressed by id or URI. Every read of a resource that
    /// exists is recorded in its metrics, whether it succeeds or not.
    /// </summary>
    public async Task<(CatalogEntry<ResourceRecord> Entry, ResourceContentRead Content)> ReadContentAsync(
        string idOrUri, CancellationToken cancellationToken)
    {
        var started = Time.GetTimestamp();
        var entry = await GetAsync(idOrUri, cancellationToken).ConfigureAwait(false);
        var resource = entry.Document;
        var success = false;
        try
        {
            if (resource.IsTemplate)
            {
                throw ApiProblem.BadRequest($"Resource '{resource.Uri}' is a template and has no content; read a URI it describes instead.");
            }

            if (!resource.Enabled)
            {
                throw ApiProblem.NotFound($"Resource '{resource.Uri}' exists but is inactive.");
            }

            var bytes = await contents.ReadAsync(Table, entry, cancellationToken).ConfigureAwait(false) ?? [];
            var content = resource.Binary
                ? new ResourceContentRead(resource.Id, resource.Uri, resource.MimeType, Text: null, Blob: Convert.ToBase64String(bytes))
                : new ResourceContentRead(resource.Id, resource.Uri, resource.MimeType, Text: Encoding.UTF8.GetString(bytes), Blob: null);
            success = true;
            return (entry, content);
        }
        finally
        {
            await Metrics.RecordAsync(Kind.Singular, resource.Id, success, Time.GetElapsedTime(started), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The text a template yields for one URI it matches: its content with each <c>{variable}</c> replaced by
    /// the value the URI gives, or null when the template has no content. Recorded in the template's metrics.
    /// </summary>
    public async Task<string?> ReadTemplateAsync(ResourceRecord template, IReadOnlyDictionary<string, string> variables, CancellationToken cancellationToken)
    {
        var started = Time.GetTimestamp();
        var entry = await GetAsync(template.Id, cancellationToken).ConfigureAwait(false);
        var bytes = await contents.ReadAsync(Table, entry, cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            return null;
        }

        var text = variables.Aggregate(
            new StringBuilder(Encoding.UTF8.GetString(bytes)),
            (builder, variable) => builder.Replace("{" + variable.Key + "}", variable.Value)).ToString();
        await Metrics.RecordAsync(Kind.Singular, template.Id, success: true, Time.GetElapsedTime(started), cancellationToken).ConfigureAwait(false);
        return text;
    }

    /// <summary>
    /// A resource is a template when it names a <c>uri_template</c> or when its URI is a template; a template that is
    /// the URI itself follows the URI when it changes.
    /// </summary>
    private static string? TemplateOf(string uri, string? namedTemplate) =>
        namedTemplate ?? (ResourceValidation.IsTemplate(uri) ? uri : null);

    /// <summary>The MIME type sent, else the one the resource has, else the one its URI or name tells.</summary>
    private static string? MimeTypeOf(ResourceInput input, string? current, string uri, string name, bool binary, bool template) =>
        input.MimeType is { } sent ? ResourceValidation.MimeType(sent) : current ?? ResourceValidation.Detect(uri, name, binary, template);

    /// <summary>The members both create and update treat alike (each changes only when sent), and the check of the final MIME type.</summary>
    private ResourceRecord Apply(ResourceRecord record, ResourceInput input)
    {
        ResourceValidation.Allowed(record.MimeType, options.Value.ParseAllowedMimeTypes());
        return record with
        {
            Description = input.Description is null ? record.Description : CatalogValidation.Description(input.Description),
            Tags = input.Tags is null ? record.Tags : CatalogValidation.Tags(input.Tags),
            Enabled = input.Enabled ?? record.Enabled,
        };
    }

    /// <summary>
    /// Checks the content a body sends (text, or binary as base64) and its size against MAX_RESOURCE_SIZE
    /// without decoding it; null when the body sends none.
    /// </summary>
    private (long Size, bool Binary)? Measure(ResourceInput input, bool template)
    {
        if (input.Content is null && input.Blob is null)
        {
            return null;
        }

        if (template && input.Blob is not null)
        {
            throw ApiProblem.Invalid("blob", "A resource template's content is text with {variable} placeholders, not a 'blob'.");
        }

        if (input.Content is not null && input.Blob is not null)
        {
            throw ApiProblem.Invalid("blob", "Send the content either as 'content' (text) or as 'blob' (base64), not both.");
        }

        long size;
        if (input.Blob is { } blob)
        {
            if (!Base64.IsValid(blob, out var decodedLength))
            {
                throw ApiProblem.Invalid("blob", "'blob' must be binary content encoded as base64 (RFC 4648).");
            }

            size = decodedLength;
        }
        else
        {
            size = Encoding.UTF8.GetByteCount(input.Content!);
        }

        var limit = options.Value.MaxResourceSize;
        if (size > limit)
        {
            throw ApiProblem.TooLarge($"The resource content is {size} bytes, more than MAX_RESOURCE_SIZE ({limit} bytes).");
        }

        return (size, input.Blob is not null);
    }
}
