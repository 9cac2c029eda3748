using System.Text.Json;
using Json.Schema;
using McpGateway.Shared.Http;

namespace McpGateway.Shared.Catalog;

/// <summary>Checks that a submitted JSON Schema is itself valid (against the 2020-12 meta-schema) and buildable.</summary>
public static class JsonSchemaRules
{
    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    private static readonly JsonElement EmptyObjectSchema = JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement.Clone();

    /// <summary>
    /// How the gateway builds every schema it holds: as JSON Schema 2020-12 unless the schema names another
    /// <c>$schema</c> (MCP's default dialect, which keeps unknown keywords such as <c>x-mcp-header</c> as annotations).
    /// </summary>
    public static BuildOptions NewBuildOptions() => new() { SchemaRegistry = new SchemaRegistry(), Dialect = Dialect.Draft202012 };

    /// <summary>The schema for tool arguments: an object schema, <c>{"type":"object","properties":{}}</c> when absent.</summary>
    public static JsonElement ObjectSchema(JsonElement? schema, string field) =>
        schema is { ValueKind: not JsonValueKind.Null } value ? Check(value, field, requireObjectType: true) : EmptyObjectSchema;

    /// <summary>An optional schema: null when absent, otherwise checked.</summary>
    public static JsonElement? OptionalSchema(JsonElement? schema, string field) =>
        schema is { ValueKind: not JsonValueKind.Null } value ? Check(value, field, requireObjectType: false) : null;

    private static JsonElement Check(JsonElement schema, string field, bool requireObjectType)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            throw ApiProblem.Invalid(field, $"'{field}' must be a JSON Schema object.");
        }

        if (requireObjectType && schema.TryGetProperty("type", out var type) && !(type.ValueKind == JsonValueKind.String && type.GetString() == "object"))
        {
            throw ApiProblem.Invalid(field, $"'{field}' must describe an object (\"type\": \"object\").");
        }

        var metaResult = MetaSchemas.Draft202012.Evaluate(schema, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (!metaResult.IsValid)
        {
            var reason = metaResult.Details?
                .Where(d => d.Errors is { Count: > 0 })
                .Select(d => $"{d.InstanceLocation}: {d.Errors!.Values.First()}")
                .FirstOrDefault() ?? "it does not conform to the JSON Schema 2020-12 meta-schema";
            throw ApiProblem.Invalid(field, $"'{field}' is not a valid JSON Schema: {reason}.");
        }

        try
        {
            // References resolve when evaluated: evaluating an empty object finds those on its way that lead nowhere.
            JsonSchema.Build(schema, NewBuildOptions()).Evaluate(EmptyObject);
        }
        catch (Exception ex) when (ex is JsonSchemaException or JsonException or ArgumentException or InvalidOperationException)
        {
            throw ApiProblem.Invalid(field, $"'{field}' is not a valid JSON Schema: {ex.Message}");
        }

        return schema.Clone();
    }
}
