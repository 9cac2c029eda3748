using System.Text.Json;
using McpGateway.Shared.Catalog.Prompts;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpGateway.Shared.Protocol;

/// <summary>
/// completion/complete: suggestions for a prompt argument (the <c>enum</c> and <c>examples</c> of its schema)
/// or a resource template variable (the values concrete resources of the scope give it), filtered by prefix.
/// </summary>
public sealed class CompletionProvider(ICatalogSnapshot catalog)
{
    public const int MaxValues = 100;

    public async Task<IReadOnlyList<string>> CompleteAsync(CatalogScope scope, Reference? reference, Argument? argument, CancellationToken cancellationToken)
    {
        if (argument?.Name is not { Length: > 0 } name)
        {
            throw new McpProtocolException("completion/complete needs the argument's name.", McpErrorCode.InvalidParams);
        }

        var prefix = argument.Value ?? string.Empty;
        var candidates = reference switch
        {
            PromptReference prompt => PromptValues(
                await catalog.FindPromptAsync(scope, prompt.Name, cancellationToken).ConfigureAwait(false)
                    ?? throw new McpProtocolException($"Unknown prompt: '{prompt.Name}'.", McpErrorCode.InvalidParams),
                name),
            ResourceTemplateReference template => await TemplateValuesAsync(scope, template.Uri, name, cancellationToken).ConfigureAwait(false),
            _ => throw new McpProtocolException("completion/complete needs a ref of type ref/prompt or ref/resource.", McpErrorCode.InvalidParams),
        };
        return candidates
            .Where(v => v.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public static Completion ToCompletion(IReadOnlyList<string> values) => new()
    {
        Values = values.Take(MaxValues).ToList(),
        Total = values.Count,
        HasMore = values.Count > MaxValues,
    };

    private static IEnumerable<string> PromptValues(PromptRecord prompt, string argument)
    {
        if (!prompt.ArgumentSchema.TryGetProperty("properties", out var properties)
            || properties.ValueKind != JsonValueKind.Object
            || !properties.TryGetProperty(argument, out var property)
            || property.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        return new[] { "enum", "examples" }
            .Where(keyword => property.TryGetProperty(keyword, out var list) && list.ValueKind == JsonValueKind.Array)
            .SelectMany(keyword => property.GetProperty(keyword).EnumerateArray())
            .Select(value => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText());
    }

    private async Task<IEnumerable<string>> TemplateValuesAsync(CatalogScope scope, string? uriTemplate, string variable, CancellationToken cancellationToken)
    {
        var templates = await catalog.ResourceTemplatesAsync(scope, cancellationToken).ConfigureAwait(false);
        var template = templates.FirstOrDefault(t => t.UriTemplate == uriTemplate || t.Uri == uriTemplate)
            ?? throw new McpProtocolException($"Unknown resource template: '{uriTemplate}'.", McpErrorCode.InvalidParams);
        var resources = await catalog.ResourcesAsync(scope, cancellationToken).ConfigureAwait(false);
        return resources
            .Select(r => UriTemplateMatcher.Match(template.UriTemplate!, r.Uri))
            .Where(variables => variables is not null && variables.ContainsKey(variable))
            .Select(variables => variables![variable]);
    }
}
