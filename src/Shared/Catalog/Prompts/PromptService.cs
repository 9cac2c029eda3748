using System.Text;
using System.Text.Json;
using McpGateway.Shared.Configuration;
using McpGateway.Shared.Catalog.Gateways;
using McpGateway.Shared.Catalog.Snapshot;
using McpGateway.Shared.Http;
using McpGateway.Shared.Notifications;
using McpGateway.Shared.Observability;
using McpGateway.Shared.Prompts;
using McpGateway.Shared.Storage;
using Microsoft.Extensions.Options;

namespace McpGateway.Shared.Catalog.Prompts;

/// <summary>The prompt catalog: versioned templates rendered with arguments checked against their schema.</summary>
public sealed class PromptService(
    CatalogStorage storage, ICatalogReadiness readiness, MetricsStore metrics, EventPublisher events, PromptRenderer renderer, IOptions<PromptOptions> options, PeerGatewayService peers, TimeProvider time)
    : CatalogService<PromptRecord, PromptInput>(storage.Table<PromptRecord>(CatalogKind.Prompts.Plural, keepHistory: true), readiness, metrics, events, time)
{
    private const string TemplateField = "template";
    private const string SchemaField = "argument_schema";
    private const string ArgumentsField = "arguments";

    private readonly int maxPromptSize = options.Value.MaxPromptSize;

    public override CatalogKind Kind => CatalogKind.Prompts;

    protected override PromptRecord Create(PromptInput input, string id, DateTimeOffset now)
    {
        var record = new PromptRecord
        {
            Id = id,
            Name = CatalogValidation.Name(input.Name),
            Template = Template(input.Template),
            ArgumentSchema = ArgumentSchema(input) ?? PromptArgumentSchema.Empty,
            CreatedAt = now,
            UpdatedAt = now,
        };
        return Apply(record, input);
    }

    protected override PromptRecord Update(PromptRecord current, PromptInput input, DateTimeOffset now)
    {
        var updated = current with
        {
            Name = input.Name is null ? current.Name : CatalogValidation.Name(input.Name),
            Template = input.Template is null ? current.Template : Template(input.Template),
            ArgumentSchema = ArgumentSchema(input) ?? current.ArgumentSchema,
            UpdatedAt = now,
        };
        return Apply(updated, input);
    }

    protected override PromptRecord WithEnabled(PromptRecord record, bool enabled, DateTimeOffset now) =>
        record with { Enabled = enabled, UpdatedAt = now };

    protected override bool IsActive(PromptRecord record) => record.Enabled && peers.Serves(record.GatewayId);

    public override object ToRead(CatalogEntry<PromptRecord> entry, MetricsSummary metricsSummary)
    {
        var p = entry.Document;
        return new PromptRead(
            p.Id, p.Name, p.Description, p.Template, PromptArgumentSchema.ToArguments(p.ArgumentSchema), p.ArgumentSchema,
            p.Tags, IsActive(p), p.GatewayId, p.CreatedAt, p.UpdatedAt, entry.Revision, metricsSummary);
    }

    /// <summary>
    /// The prompt's messages. Without arguments (null: a REST GET, or a POST without a body) the template comes back
    /// unrendered, as ContextForge returns it; with arguments, even <c>{}</c> (MCP's prompts/get always sends them),
    /// they are checked against the schema, a missing required one being an error, and the template is rendered.
    /// Every call on an active prompt is recorded as a "prompt" metric, success or failure.
    /// </summary>
    public async Task<PromptResult> GetPromptAsync(string idOrName, JsonElement? arguments, CancellationToken cancellationToken)
    {
        var prompt = (await GetAsync(idOrName, cancellationToken).ConfigureAwait(false)).Document;
        if (!prompt.Enabled)
        {
            throw ApiProblem.NotFound($"{Kind.Title} '{idOrName}' exists but is inactive.");
        }

        var started = Time.GetTimestamp();
        var success = false;
        try
        {
            var messages = arguments is { } given
                ? await renderer.RenderAsync(prompt.Template, prompt.ArgumentSchema, given, cancellationToken).ConfigureAwait(false)
                : [PromptMessage.User(prompt.Template)];
            success = true;
            return new PromptResult(messages, prompt.Description);
        }
        catch (PromptException ex)
        {
            throw ApiProblem.Invalid(ex.Argument ?? TemplateField, ex.Message);
        }
        finally
        {
            // Recorded even when the caller went away: the render happened.
            await Metrics.RecordAsync(Kind.Singular, prompt.Id, success, Time.GetElapsedTime(started), CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Renders a draft of a prompt (the members of <paramref name="draft"/> applied to the stored one, validated as an
    /// update would be; or, without <paramref name="idOrName"/>, a prompt not created yet, validated as a creation would
    /// be, a missing name aside) without saving it or counting a metric: the Admin UI's live preview while a template
    /// is edited.
    /// </summary>
    public async Task<PromptResult> PreviewAsync(string? idOrName, PromptInput draft, JsonElement arguments, CancellationToken cancellationToken)
    {
        var prompt = idOrName is null
            ? Create(draft with { Name = draft.Name ?? "draft" }, "draft", Time.GetUtcNow())
            : Update((await GetAsync(idOrName, cancellationToken).ConfigureAwait(false)).Document, draft, Time.GetUtcNow());
        try
        {
            var messages = await renderer.RenderAsync(prompt.Template, prompt.ArgumentSchema, arguments, cancellationToken).ConfigureAwait(false);
            return new PromptResult(messages, prompt.Description);
        }
        catch (PromptException ex)
        {
            throw ApiProblem.Invalid(ex.Argument ?? TemplateField, ex.Message);
        }
    }

    /// <summary>Every revision of a prompt, newest (the current one) first.</summary>
    public async Task<IReadOnlyList<PromptVersionRead>> ListVersionsAsync(string idOrName, CancellationToken cancellationToken)
    {
        var current = await GetAsync(idOrName, cancellationToken).ConfigureAwait(false);
        var history = await Table.ListHistoryAsync(current.Document.Id, cancellationToken).ConfigureAwait(false);
        return history.Prepend(current).Select(entry => VersionRead(entry, current: ReferenceEquals(entry, current))).ToList();
    }

    /// <summary>
    /// Makes the template, description and arguments of an earlier revision current again, as a new
    /// revision (the history keeps growing). Name, tags and the enabled switch stay as they are.
    /// </summary>
    public async Task<CatalogEntry<PromptRecord>> RollbackAsync(string idOrName, int version, CancellationToken cancellationToken)
    {
        var current = await GetAsync(idOrName, cancellationToken).ConfigureAwait(false);
        var id = current.Document.Id;
        var source = version == current.Revision
            ? current.Document
            : (await Table.ListHistoryAsync(id, cancellationToken).ConfigureAwait(false)).FirstOrDefault(e => e.Revision == version)?.Document
                ?? throw ApiProblem.NotFound($"{Kind.Title} '{idOrName}' has no version {version}.");
        var restored = await Table.UpdateAsync(
            id,
            entry => entry.Document with
            {
                Template = source.Template,
                Description = source.Description,
                ArgumentSchema = source.ArgumentSchema,
                UpdatedAt = Time.GetUtcNow(),
            },
            cancellationToken).ConfigureAwait(false);
        await PublishAsync(EventTypes.Updated, restored.Document).ConfigureAwait(false);
        return restored;
    }

    private static PromptVersionRead VersionRead(CatalogEntry<PromptRecord> entry, bool current)
    {
        var p = entry.Document;
        return new PromptVersionRead(
            entry.Revision, p.UpdatedAt, p.Template, p.Description, PromptArgumentSchema.ToArguments(p.ArgumentSchema), p.ArgumentSchema, p.Enabled, current);
    }

    /// <summary>The members both create and update treat alike: each changes only when sent.</summary>
    private static PromptRecord Apply(PromptRecord record, PromptInput input) => record with
    {
        Description = input.Description is null ? record.Description : CatalogValidation.Description(input.Description),
        Tags = input.Tags is null ? record.Tags : CatalogValidation.Tags(input.Tags),
        Enabled = input.Enabled ?? record.Enabled,
    };

    /// <summary>Present, within MAX_PROMPT_SIZE, and parseable; whitespace is kept as sent since it is part of the prompt.</summary>
    private string Template(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw ApiProblem.Invalid(TemplateField, $"'{TemplateField}' is required and must not be blank.");
        }

        var size = Encoding.UTF8.GetByteCount(value);
        if (size > maxPromptSize)
        {
            throw ApiProblem.TooLarge($"'{TemplateField}' is {size} bytes, larger than MAX_PROMPT_SIZE ({maxPromptSize} bytes).");
        }

        try
        {
            renderer.Validate(value);
        }
        catch (PromptException ex)
        {
            throw ApiProblem.Invalid(TemplateField, ex.Message);
        }

        return value;
    }

    /// <summary>
    /// The schema the body declares, from <c>argument_schema</c> or the <c>arguments</c> list, or null when it
    /// declares neither. Both may be sent (a read sent back) as long as they agree.
    /// </summary>
    private static JsonElement? ArgumentSchema(PromptInput input)
    {
        var schema = input.ArgumentSchema is null ? (JsonElement?)null : JsonSchemaRules.ObjectSchema(input.ArgumentSchema, SchemaField);
        if (input.Arguments is null)
        {
            return schema;
        }

        var arguments = Arguments(input.Arguments);
        if (schema is { } declared && !PromptArgumentSchema.ToArguments(declared).SequenceEqual(arguments))
        {
            throw ApiProblem.Invalid(ArgumentsField, $"'{ArgumentsField}' and '{SchemaField}' describe different arguments; send one of them.");
        }

        return schema ?? PromptArgumentSchema.FromArguments(arguments);
    }

    private static List<PromptArgument> Arguments(IReadOnlyList<PromptArgumentInput?> inputs)
    {
        var arguments = new List<PromptArgument>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var field = $"{ArgumentsField}[{i}]";
            var input = inputs[i] ?? throw ApiProblem.Invalid(field, $"'{field}' must be an object such as {{\"name\": \"user\", \"required\": true}}.");
            var name = CatalogValidation.Name(input.Name, $"{field}.name");
            if (arguments.Any(a => a.Name == name))
            {
                throw ApiProblem.Invalid($"{field}.name", $"The argument '{name}' is declared twice.");
            }

            arguments.Add(new PromptArgument(name, CatalogValidation.Description(input.Description, $"{field}.description"), input.Required ?? false));
        }

        return arguments;
    }
}
