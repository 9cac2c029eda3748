using System.Text.Json;
using Json.Pointer;
using Json.Schema;

namespace McpGateway.Shared.Catalog.Tools;

/// <summary>
/// Rewords JSON Schema evaluation errors as violations that name the argument at fault. The library's messages
/// say what failed at an instance location ("Required properties [...] are not present" on the parent object);
/// the common keywords are restated from the schema itself so each missing or mistyped argument is named.
/// </summary>
internal static class ArgumentViolationMessages
{
    public static IEnumerable<ToolArgumentViolation> Describe(
        EvaluationResults detail, string keyword, string libraryMessage, JsonElement schemaRoot, Uri rootSchemaLocation, JsonElement instanceRoot)
    {
        var location = Path(detail.InstanceLocation);
        var subschema = Subschema(detail.SchemaLocation, rootSchemaLocation, schemaRoot);
        var instance = detail.InstanceLocation.Evaluate(instanceRoot);
        switch (keyword)
        {
            case "required" when subschema?.TryGetProperty("required", out var required) == true
                && required.ValueKind == JsonValueKind.Array && instance?.ValueKind == JsonValueKind.Object:
                return required.EnumerateArray()
                    .Where(name => name.ValueKind == JsonValueKind.String && !instance.Value.TryGetProperty(name.GetString()!, out _))
                    .Select(name => new ToolArgumentViolation(Child(location, name.GetString()!), $"required property '{name.GetString()}' is missing"));
            case "type" when subschema?.TryGetProperty("type", out var type) == true && instance is not null:
                var expected = type.ValueKind == JsonValueKind.Array
                    ? string.Join(" or ", type.EnumerateArray().Select(t => t.ToString()))
                    : type.ToString();
                return [new(location, $"expected {expected}, got {KindName(instance.Value)}")];
            case "enum" when subschema?.TryGetProperty("enum", out var values) == true && values.ValueKind == JsonValueKind.Array:
                return [new(location, "must be one of " + string.Join(", ", values.EnumerateArray().Select(v => v.GetRawText())))];
            case "const" when subschema?.TryGetProperty("const", out var constant) == true:
                return [new(location, "must be " + constant.GetRawText())];
            case "" when subschema?.ValueKind == JsonValueKind.False:
                // A false subschema (additionalProperties: false and the like) accepts nothing at this location.
                return [new(location, location.Length == 0 ? "no arguments are accepted" : "is not an accepted argument here")];
            default:
                return [new(location, FirstLower(libraryMessage))];
        }
    }

    /// <summary>A JSON Pointer as the argument path a person reads: <c>/items/0/id</c> becomes <c>items/0/id</c>.</summary>
    private static string Path(JsonPointer pointer) =>
        string.Join('/', Enumerable.Range(0, pointer.SegmentCount).Select(i => pointer[i].ToString()));

    private static string Child(string path, string name) => path.Length == 0 ? name : $"{path}/{name}";

    /// <summary>The schema that reported the error, when it lies in the input schema document itself.</summary>
    private static JsonElement? Subschema(Uri schemaLocation, Uri rootSchemaLocation, JsonElement schemaRoot)
    {
        var sameDocument = Uri.Compare(
            schemaLocation, rootSchemaLocation, UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.Unescaped, StringComparison.Ordinal) == 0;
        var fragment = Uri.UnescapeDataString(schemaLocation.Fragment.TrimStart('#'));
        return sameDocument && JsonPointer.TryParse(fragment, out var pointer) ? pointer.Evaluate(schemaRoot) : null;
    }

    private static string KindName(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };

    private static string FirstLower(string text) =>
        text.Length > 0 && char.IsUpper(text[0]) ? char.ToLowerInvariant(text[0]) + text[1..] : text;
}
