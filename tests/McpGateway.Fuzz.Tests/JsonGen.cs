using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;

namespace McpGateway.Fuzz.Tests;

/// <summary>
/// Generators of JSON: sound values (odd strings, huge numbers, deep but legal nesting) and unsound text (what a
/// strict parser must refuse). Strings never hold ':' so that no generated value can be a URL of another host.
/// </summary>
public static class JsonGen
{
    private const string Alphabet = "abcXYZ019 -_.%~/\\\"'<>{}[]\n\t\0éß中\u0301\u200B\uFEFF";

    public static Gen<string> Text { get; } = Gen.Frequency(
        (6, Gen.Char[Alphabet].Array[0, 24].Select(chars => new string(chars))),
        (1, Gen.Int[1, 5000].Select(length => new string('x', length))),
        (1, Gen.OneOf("", " ", "%2F", "../..", "a%00b", "<script>", "null", "true", "0", "-1", "NaN", "😀👩‍👩‍👧")));

    public static Gen<JsonNode?> Number { get; } = Gen.OneOf(
        Gen.Int.Select(n => (JsonNode?)n),
        Gen.Long.Select(n => (JsonNode?)n),
        Gen.Double[-1e6, 1e6].Select(n => (JsonNode?)n),
        Gen.OneOf("1e400", "-1e400", "123456789012345678901234567890", "0.0000000000000000000000000001", "-0", "1E+2")
            .Select(text => JsonNode.Parse(text)));

    public static Gen<JsonNode?> Scalar { get; } = Gen.Frequency(
        (4, Text.Select(text => (JsonNode?)text)),
        (3, Number),
        (1, Gen.Bool.Select(b => (JsonNode?)b)),
        (1, Gen.Const(() => (JsonNode?)null)));

    /// <summary>Any JSON value, nested at most a few levels (the deep cases are in <see cref="Unsound"/>).</summary>
    public static Gen<JsonNode?> Value { get; } = Gen.Recursive<JsonNode?>((depth, value) => depth >= 3
        ? Scalar
        : Gen.Frequency(
            (5, Scalar),
            (1, value.Array[0, 4].Select(items => (JsonNode?)new JsonArray([.. items]))),
            (2, ObjectOf(Text, value))));

    /// <summary>An object whose member names come from <paramref name="names"/> and values from <paramref name="values"/>.</summary>
    public static Gen<JsonNode?> ObjectOf(Gen<string> names, Gen<JsonNode?> values) =>
        Gen.Select(names, values).Array[0, 6].Select(members =>
        {
            var obj = new JsonObject();
            foreach (var (name, value) in members)
            {
                obj[name] = value;
            }

            return (JsonNode?)obj;
        });

    /// <summary>Bytes that are not strict JSON text, derived from <paramref name="sound"/> values.</summary>
    public static Gen<byte[]> Unsound(Gen<JsonNode?> sound)
    {
        var text = sound.Select(Json);
        return Gen.OneOf(
            Gen.Select(text, Gen.Double[0, 1], (json, at) => Utf8(json[..(int)(json.Length * at)])),
            Gen.Select(text, Gen.Int[0, 1000], InvalidUtf8, InsertInvalidUtf8),
            Gen.Select(Text, LoneSurrogate, (name, escape) => Utf8($"{{\"name\":\"{Escape(name)}{escape}\",\"x\":1}}")),
            Gen.Select(Text, Scalar.Select(Json), (name, value) =>
                Utf8($"{{\"{Escape(name)}\":{value},\"{Escape(name)}\":{value}}}")),
            text.Select(json => (byte[])[0xEF, 0xBB, 0xBF, .. Utf8(json)]),
            Gen.Int[65, 3000].Select(depth => Utf8(new string('[', depth) + new string(']', depth))),
            Gen.Int[65, 3000].Select(depth => Utf8(string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth))),
            text.Select(json => Utf8(json + "}")),
            Gen.OneOf("", " ", "{", "}", "{\"a\":1,}", "[1,]", "{'a':1}", "{a:1}", "/*c*/{}", "{\"a\":NaN}", "{\"a\":Infinity}",
                "{\"a\":undefined}", "{\"a\":01}", "{\"a\":1.}", "{\"a\":\"\\x41\"}", "{\"a\":\"tab\there\"}", "\"unterminated")
                .Select(Utf8));
    }

    /// <summary>The JSON text of a value as a client would send it: non-ASCII characters as themselves, not escaped.</summary>
    public static string Json(JsonNode? node) => node?.ToJsonString(Unescaped) ?? "null";

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static Gen<byte[]> InvalidUtf8 { get; } = Gen.OneOf<byte[]>(
        [0xFF], [0xFE], [0x80], [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0xC3]);

    private static Gen<string> LoneSurrogate { get; } = Gen.OneOf("\\ud800", "\\udfff", "\\uDBFF\\u0041", "\\udc00\\ud800");

    /// <summary>Invalid bytes inside the first string of the text (or at its end when it has none).</summary>
    private static byte[] InsertInvalidUtf8(string json, int offset, byte[] invalid)
    {
        var bytes = Utf8(json);
        var quote = Array.IndexOf(bytes, (byte)'"');
        var at = quote < 0 ? bytes.Length : quote + 1 + (offset % Math.Max(1, bytes.Length - quote - 1));
        return [.. bytes[..Math.Min(at, bytes.Length)], .. invalid, .. bytes[Math.Min(at, bytes.Length)..]];
    }

    private static string Escape(string text) => JsonEncodedText.Encode(text, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString();
}
