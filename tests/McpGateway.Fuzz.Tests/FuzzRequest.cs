using System.Text;

namespace McpGateway.Fuzz.Tests;

/// <summary>One generated HTTP request; <see cref="ToString"/> is its reproducer.</summary>
public sealed record FuzzRequest(string Method, string Path, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[]? Body, string? ContentType)
{
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), Path);
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        foreach (var (name, value) in Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        return message;
    }

    /// <summary>The request as text: method, path, headers and body, with control characters and bytes that are not UTF-8 as \xNN.</summary>
    public override string ToString()
    {
        var text = new StringBuilder().Append(Method).Append(" /").AppendLine(Path);
        if (ContentType is not null)
        {
            text.Append("Content-Type: ").AppendLine(ContentType);
        }

        foreach (var (name, value) in Headers)
        {
            text.Append(name).Append(": ").AppendLine(value);
        }

        text.AppendLine();
        var body = Body ?? [];
        try
        {
            foreach (var c in StrictUtf8.GetString(body))
            {
                text.Append(char.IsControl(c) ? $"\\x{(int)c:X2}" : c.ToString());
            }
        }
        catch (DecoderFallbackException)
        {
            foreach (var b in body)
            {
                text.Append(b is >= 0x20 and < 0x7F ? ((char)b).ToString() : $"\\x{b:X2}");
            }
        }

        return text.ToString();
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
