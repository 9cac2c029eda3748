using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using McpGateway.Shared.Catalog.Tools;
using ModelContextProtocol.Protocol;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace McpGateway.Shared.Upstreams.Rest;

/// <summary>
/// Turns an upstream's answer into an MCP tool result: a text block holding the JSON pretty-printed (after the
/// tool's <c>jsonpath_filter</c>, when set) or the raw text, plus structured content when the tool declares an
/// output schema. Failures are described in words for an error result.
/// </summary>
internal static class RestResultConverter
{
    private const int ExcerptLength = 300;

    private static readonly JsonWriterOptions Indented = new()
    {
        Indented = true,

        // The text is read by people and models, not embedded in HTML: keep non-ASCII characters as they are.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>What went wrong when the upstream's answer is a failure (status code and a body excerpt); null when it succeeded.</summary>
    public static string? FailureOf(RestResponse response, int attempts)
    {
        if (response.TooLarge)
        {
            return $"The upstream's response is larger than {RestResponse.MaxBodyBytes} bytes.";
        }

        if (response.IsSuccess)
        {
            return null;
        }

        var tries = attempts > 1 ? $" after {attempts} attempts" : string.Empty;
        var excerpt = Excerpt(response.Body);
        return $"The upstream answered HTTP {(int)response.Status} {response.ReasonPhrase}{tries}" + (excerpt.Length > 0 ? $": {excerpt}" : ".");
    }

    /// <summary>The result of a successful answer.</summary>
    /// <exception cref="RestToolException">The tool has a JSONPath filter and the answer is not JSON, or the filter is not valid.</exception>
    public static CallToolResult ToResult(ToolRecord tool, RestResponse response)
    {
        var json = tool.JsonpathFilter is { } filter ? Filter(response.Body, filter) : ParseOrNull(response.Body);
        var result = new CallToolResult
        {
            Content = [new TextContentBlock { Text = json is { } value ? Indent(value) : response.Body }],
        };
        if (tool.OutputSchema is not null)
        {
            result.StructuredContent = json is { ValueKind: JsonValueKind.Object } structured ? structured : Wrapped(json, response.Body);
        }

        return result;
    }

    public static CallToolResult Error(string message) => new()
    {
        IsError = true,
        Content = [new TextContentBlock { Text = message }],
    };

    private static JsonElement? ParseOrNull(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>Applies a JSONPath expression: one match gives that value, any other number of matches an array of them.</summary>
    private static JsonElement Filter(string body, string jsonPath)
    {
        JToken root;
        try
        {
            using var reader = new JsonTextReader(new StringReader(body))
            {
                // Values are passed on as written: no date conversion, no loss of decimal digits.
                DateParseHandling = DateParseHandling.None,
                FloatParseHandling = FloatParseHandling.Decimal,
                MaxDepth = 256,
            };
            root = JToken.ReadFrom(reader);
        }
        catch (JsonReaderException ex)
        {
            throw new RestToolException($"The upstream's response is not JSON, so jsonpath_filter '{jsonPath}' cannot be applied: {ex.Message}");
        }

        List<JToken> matches;
        try
        {
            matches = root.SelectTokens(jsonPath).ToList();
        }
        catch (Newtonsoft.Json.JsonException ex)
        {
            throw new RestToolException($"jsonpath_filter '{jsonPath}' cannot be applied: {ex.Message}");
        }

        var selected = matches.Count == 1 ? matches[0] : new JArray(matches);
        using var document = JsonDocument.Parse(selected.ToString(Formatting.None));
        return document.RootElement.Clone();
    }

    private static string Indent(JsonElement value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Indented))
        {
            value.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Structured content must be an object: any other value is given as <c>{"result": value}</c>.</summary>
    private static JsonElement Wrapped(JsonElement? json, string text)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("result");
            if (json is { } value)
            {
                value.WriteTo(writer);
            }
            else
            {
                writer.WriteStringValue(text);
            }

            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    /// <summary>The start of a body on one line, for an error message.</summary>
    private static string Excerpt(string body)
    {
        var oneLine = string.Join(' ', body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Length <= ExcerptLength ? oneLine : oneLine[..ExcerptLength] + "…";
    }
}
