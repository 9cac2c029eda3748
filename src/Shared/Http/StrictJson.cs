using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace McpGateway.Shared.Http;

/// <summary>
/// Parses request bodies as JSON text in the strict sense of RFC 8259: UTF-8 only, unique member names, whole
/// surrogate pairs. System.Text.Json alone would accept invalid UTF-8 (read back as U+FFFD), keep duplicate names
/// (JsonObject then throws on access) and accept lone surrogate escapes (which fail when the string is read).
/// </summary>
public static class StrictJson
{
    private const int MaxDepth = 64;

    private static readonly UTF8Encoding ThrowingUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = MaxDepth, AllowDuplicateProperties = false };

    /// <summary>The JSON value of <paramref name="utf8"/> (null for the literal <c>null</c>).</summary>
    /// <exception cref="MalformedJsonException">The bytes are not strict JSON text.</exception>
    public static JsonNode? Parse(ReadOnlySpan<byte> utf8)
    {
        RequireUtf8(utf8);
        RequireWholeStrings(utf8);
        try
        {
            return JsonNode.Parse(utf8, documentOptions: DocumentOptions);
        }
        catch (JsonException ex)
        {
            // The syntax and the strings passed above, so what is left is a name given twice.
            throw new MalformedJsonException(ex.Message, duplicateMember: true);
        }
    }

    private static void RequireUtf8(ReadOnlySpan<byte> utf8)
    {
        try
        {
            ThrowingUtf8.GetCharCount(utf8);
        }
        catch (DecoderFallbackException ex)
        {
            throw new MalformedJsonException($"the bytes at offset {ex.Index} are not valid UTF-8.", duplicateMember: false);
        }
    }

    /// <summary>Checks the syntax and that every escaped string decodes (a lone surrogate escape does not).</summary>
    private static void RequireWholeStrings(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
                {
                    RequireDecodable(ref reader);
                }
            }
        }
        catch (JsonException ex)
        {
            throw new MalformedJsonException(ex.Message, duplicateMember: false);
        }
    }

    private static void RequireDecodable(ref Utf8JsonReader reader)
    {
        try
        {
            reader.GetString();
        }
        catch (InvalidOperationException)
        {
            var raw = Encoding.UTF8.GetString(reader.ValueSpan);
            var excerpt = raw.Length > 40 ? raw[..40] + "..." : raw;
            throw new MalformedJsonException(
                $"the string \"{excerpt}\" at offset {reader.TokenStartIndex} holds a lone surrogate escape (\\uD800-\\uDFFF without its pair).", duplicateMember: false);
        }
    }
}

/// <summary>A body that is not strict JSON text; the message says what is wrong and where.</summary>
public sealed class MalformedJsonException(string message, bool duplicateMember) : Exception(message)
{
    /// <summary>True when the text is well formed but names a member twice, which JSON-RPC counts as an invalid request.</summary>
    public bool DuplicateMember { get; } = duplicateMember;
}
