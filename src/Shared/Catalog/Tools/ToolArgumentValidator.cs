using System.Text.Json;
using Json.Schema;
using Microsoft.Extensions.Caching.Memory;

namespace McpGateway.Shared.Catalog.Tools;

/// <summary>
/// Checks the arguments of a tool call against the tool's input schema. Built schemas are cached by their text (a
/// bounded number of entries), since every call is checked and building a schema costs far more than evaluating it.
/// </summary>
public sealed class ToolArgumentValidator : IDisposable
{
    private const int DefaultCacheSize = 1000;

    private static readonly EvaluationOptions PassOrFail = new() { OutputFormat = OutputFormat.Flag };
    private static readonly EvaluationOptions EveryFailure = new() { OutputFormat = OutputFormat.List };

    private readonly MemoryCache schemas;

    public ToolArgumentValidator()
        : this(DefaultCacheSize)
    {
    }

    internal ToolArgumentValidator(int cacheSize)
    {
        schemas = new MemoryCache(new MemoryCacheOptions { SizeLimit = cacheSize });
    }

    /// <summary>How many built schemas are cached (for tests of the cache).</summary>
    internal int CachedSchemaCount => schemas.Count;

    /// <summary>The ways <paramref name="arguments"/> (null meaning no arguments) break <paramref name="inputSchema"/>; empty when they fit.</summary>
    public IReadOnlyList<ToolArgumentViolation> Validate(JsonElement inputSchema, IDictionary<string, JsonElement>? arguments)
    {
        using var instance = JsonDocument.Parse(ToolArguments.ToJsonObject(arguments));
        EvaluationResults result;
        try
        {
            // Most calls fit: the pass/fail evaluation stops early and builds no details; only a refused call pays
            // for the list of what is wrong.
            var schema = Schema(inputSchema);
            if (schema.Evaluate(instance.RootElement, PassOrFail).IsValid)
            {
                return [];
            }

            result = schema.Evaluate(instance.RootElement, EveryFailure);
        }
        catch (RefResolutionException ex)
        {
            // An upstream's schema may point where nothing is: the call cannot be checked, so it is refused.
            return [new ToolArgumentViolation(string.Empty, $"the tool's input schema cannot be evaluated ({ex.Message})")];
        }

        return (result.Details ?? [])
            .Prepend(result)
            .Where(detail => detail.Errors is { Count: > 0 })
            .SelectMany(detail => detail.Errors!.SelectMany(error =>
                ArgumentViolationMessages.Describe(detail, error.Key, error.Value, inputSchema, result.SchemaLocation, instance.RootElement)))
            .Distinct()
            .ToList();
    }

    public void Dispose() => schemas.Dispose();

    private JsonSchema Schema(JsonElement inputSchema)
    {
        return schemas.GetOrCreate(inputSchema.GetRawText(), entry =>
        {
            entry.Size = 1;
            return JsonSchema.Build(inputSchema.Clone(), JsonSchemaRules.NewBuildOptions());
        })!;
    }
}
