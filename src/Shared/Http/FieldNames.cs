using System.Text;
using System.Text.Json.Nodes;

namespace McpGateway.Shared.Http;

/// <summary>
/// Lets request bodies use snake_case (the seed, ContextForge's Python clients) or camelCase names alike.
/// Only the envelope's own keys are renamed: the contents of free-form members such as
/// <c>input_schema</c> or <c>headers</c> are user data and stay as sent.
/// </summary>
public static class FieldNames
{
    public static string ToCamelCase(string name)
    {
        if (!name.Contains('_', StringComparison.Ordinal))
        {
            return name;
        }

        var builder = new StringBuilder(name.Length);
        var upperNext = false;
        foreach (var c in name.TrimStart('_'))
        {
            if (c == '_')
            {
                upperNext = builder.Length > 0;
                continue;
            }

            builder.Append(upperNext ? char.ToUpperInvariant(c) : c);
            upperNext = false;
        }

        return builder.ToString();
    }

    /// <summary>Renames the keys of <paramref name="body"/> and of the named nested objects (or arrays of objects).</summary>
    public static JsonObject Normalize(JsonObject body, IReadOnlySet<string> nestedObjects)
    {
        var members = body.ToArray();
        body.Clear();
        var normalized = new JsonObject();
        foreach (var (key, value) in members)
        {
            var camel = ToCamelCase(key);
            normalized[camel] = nestedObjects.Contains(camel) ? NormalizeNested(value, nestedObjects) : value;
        }

        return normalized;
    }

    private static JsonNode? NormalizeNested(JsonNode? value, IReadOnlySet<string> nestedObjects) => value switch
    {
        JsonObject obj => Normalize(obj, nestedObjects),
        JsonArray array => NormalizeItems(array, nestedObjects),
        _ => value,
    };

    private static JsonArray NormalizeItems(JsonArray array, IReadOnlySet<string> nestedObjects)
    {
        var items = array.ToArray();
        array.Clear();
        return new JsonArray(items.Select(item => NormalizeNested(item, nestedObjects)).ToArray());
    }
}
