using System.Text.Json;
using System.Text.Json.Serialization;

namespace McpGateway.Shared.Http;

/// <summary>
/// Reads a list of strings sent either as a JSON array or, as ContextForge also accepts, as one
/// comma-separated string (<c>"a, b"</c>). Entries are trimmed and blank ones dropped; array items are
/// taken whole, so a name holding a comma can still be sent in an array. Writes a JSON array.
/// </summary>
public sealed class ListOrCommaSeparatedConverter : JsonConverter<IReadOnlyList<string>>
{
    public override IReadOnlyList<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return Split(reader.GetString());
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("Expected an array of strings or a comma-separated string.");
        }

        var items = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var item = reader.TokenType == JsonTokenType.String
                ? reader.GetString()!.Trim()
                : throw new JsonException("Expected an array of strings.");
            if (item.Length > 0)
            {
                items.Add(item);
            }
        }

        return items;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value.ToArray(), options);

    private static string[] Split(string? text) =>
        (text ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
