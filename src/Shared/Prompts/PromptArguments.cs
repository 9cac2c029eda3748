using System.Text.Json;
using Json.Schema;
using McpGateway.Shared.Catalog;
using Scriban.Runtime;

namespace McpGateway.Shared.Prompts;

/// <summary>Checks render arguments against a prompt's argument schema and turns them into template variables.</summary>
internal static class PromptArguments
{
    /// <summary>Throws a <see cref="PromptException"/> naming the first argument that is missing or does not fit the schema.</summary>
    public static void Validate(JsonElement schema, JsonElement arguments)
    {
        if (arguments.ValueKind != JsonValueKind.Object)
        {
            throw new PromptException("Prompt arguments must be a JSON object such as {\"user\": \"Alice\"}.");
        }

        // Checked first so the most common mistake gets the plainest message.
        foreach (var name in PromptArgumentSchema.RequiredNames(schema))
        {
            if (!arguments.TryGetProperty(name, out _))
            {
                throw new PromptException($"The required argument '{name}' is missing.", name);
            }
        }

        EvaluationResults result;
        try
        {
            result = JsonSchema.Build(schema, JsonSchemaRules.NewBuildOptions())
                .Evaluate(arguments, new EvaluationOptions { OutputFormat = OutputFormat.List });
        }
        catch (RefResolutionException ex)
        {
            throw new PromptException($"The argument schema cannot be evaluated: {ex.Message}");
        }

        if (result.IsValid)
        {
            return;
        }

        var failure = (result.Details ?? []).Prepend(result).FirstOrDefault(d => d.Errors is { Count: > 0 });
        var reason = failure?.Errors?.Values.FirstOrDefault() ?? "they do not match the argument schema";
        var argument = failure?.InstanceLocation is { SegmentCount: > 0 } location ? location[0].ToString() : null;
        throw new PromptException(
            argument is null ? $"The arguments are invalid: {reason}." : $"The argument '{argument}' is invalid: {reason}.",
            argument);
    }

    /// <summary>
    /// The template variables: every argument the schema declares (null when not given, so templates can
    /// test optional ones) overlaid with the arguments given.
    /// </summary>
    public static ScriptObject ToVariables(JsonElement schema, JsonElement arguments)
    {
        var variables = new ScriptObject();
        foreach (var declared in PromptArgumentSchema.ToArguments(schema))
        {
            variables[declared.Name] = null;
        }

        foreach (var argument in arguments.EnumerateObject())
        {
            variables[argument.Name] = ToValue(argument.Value);
        }

        return variables;
    }

    private static object? ToValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => ToObject(value),
        JsonValueKind.Array => ToArray(value),
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.TryGetInt64(out var whole) ? whole : (object)value.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    private static ScriptObject ToObject(JsonElement value)
    {
        var obj = new ScriptObject();
        foreach (var member in value.EnumerateObject())
        {
            obj[member.Name] = ToValue(member.Value);
        }

        return obj;
    }

    private static ScriptArray ToArray(JsonElement value)
    {
        var array = new ScriptArray();
        foreach (var item in value.EnumerateArray())
        {
            array.Add(ToValue(item));
        }

        return array;
    }
}
