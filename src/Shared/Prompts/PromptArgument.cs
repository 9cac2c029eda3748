using System.Text.Json;
using System.Text.Json.Nodes;

namespace McpGateway.Shared.Prompts;

/// <summary>An argument of a prompt as MCP's prompts/list and ContextForge 1.x describe it.</summary>
public sealed record PromptArgument(string Name, string? Description, bool Required);

/// <summary>
/// Converts between the two ways a prompt's arguments are declared: a JSON Schema object (the seed's
/// <c>argument_schema</c>, the stored form) and ContextForge 1.x's <c>arguments</c> list.
/// </summary>
public static class PromptArgumentSchema
{
    public static JsonElement Empty { get; } = FromArguments([]);

    /// <summary>An object schema with a string property per argument (MCP prompt arguments are strings).</summary>
    public static JsonElement FromArguments(IEnumerable<PromptArgument> arguments)
    {
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var argument in arguments)
        {
            var property = new JsonObject { ["type"] = "string" };
            if (argument.Description is not null)
            {
                property["description"] = argument.Description;
            }

            properties[argument.Name] = property;
            if (argument.Required)
            {
                required.Add(argument.Name);
            }
        }

        var schema = new JsonObject { ["type"] = "object", ["properties"] = properties };
        if (required.Count > 0)
        {
            schema["required"] = required;
        }

        return JsonSerializer.SerializeToElement(schema);
    }

    /// <summary>The declared properties of <paramref name="schema"/>, in order, plus required names it lists without declaring.</summary>
    public static IReadOnlyList<PromptArgument> ToArguments(JsonElement schema)
    {
        var required = RequiredNames(schema);
        var arguments = new List<PromptArgument>();
        if (schema.ValueKind == JsonValueKind.Object
            && schema.TryGetProperty("properties", out var properties)
            && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in properties.EnumerateObject())
            {
                var description = property.Value.ValueKind == JsonValueKind.Object
                    && property.Value.TryGetProperty("description", out var text)
                    && text.ValueKind == JsonValueKind.String
                    ? text.GetString()
                    : null;
                arguments.Add(new PromptArgument(property.Name, description, required.Contains(property.Name)));
            }
        }

        arguments.AddRange(required.Where(name => arguments.All(a => a.Name != name)).Select(name => new PromptArgument(name, null, true)));
        return arguments;
    }

    public static IReadOnlyList<string> RequiredNames(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object
        && schema.TryGetProperty("required", out var required)
        && required.ValueKind == JsonValueKind.Array
            ? required.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!).Distinct().ToList()
            : [];
}
