using System.Globalization;
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

    /// <summary>The request as text: method, path, headers and the body with every byte that is not printable ASCII as \xNN.</summary>
    public override string ToString()
    {
        var text = new StringBuilder().Append(Method).Append(' ').Append('/').Append(Path).AppendLine();
        if (ContentType is not null)
        {
            text.Append("Content-Type: ").AppendLine(ContentType);
        }

        foreach (var (name, value) in Headers)
        {
            text.Append(name).Append(": ").AppendLine(value);
        }

        text.AppendLine();
        foreach (var b in Body ?? [])
        {
            if (b is >= 0x20 and < 0x7F and not (byte)'\\')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture, $"\\x{b:X2}");
            }
        }

        return text.ToString();
    }
}
