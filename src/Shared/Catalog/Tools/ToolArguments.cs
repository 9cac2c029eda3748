using System.Buffers;
using System.Text.Json;

namespace McpGateway.Shared.Catalog.Tools;

/// <summary>The arguments of a tool call as one JSON object.</summary>
internal static class ToolArguments
{
    /// <summary>UTF-8 JSON of an object holding <paramref name="arguments"/>, written directly rather than through reflection-based serialization.</summary>
    public static ReadOnlyMemory<byte> ToJsonObject(IEnumerable<KeyValuePair<string, JsonElement>>? arguments)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in arguments ?? [])
            {
                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }
}
