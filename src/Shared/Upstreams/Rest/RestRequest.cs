using System.Net.Http.Headers;

namespace McpGateway.Shared.Upstreams.Rest;

/// <summary>
/// Everything needed to send one REST tool call. A request message can be sent only once, so each attempt
/// (the first and every retry) gets a fresh one from <see cref="CreateMessage"/>.
/// </summary>
internal sealed class RestRequest(HttpMethod method, Uri uri, IReadOnlyCollection<KeyValuePair<string, string>> headers, ReadOnlyMemory<byte>? jsonBody)
{
    public HttpMethod Method => method;

    public Uri Uri => uri;

    public HttpRequestMessage CreateMessage()
    {
        var message = new HttpRequestMessage(method, uri);
        if (jsonBody is { } body)
        {
            message.Content = new ReadOnlyMemoryContent(body);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        foreach (var (name, value) in headers)
        {
            // Content-Type and the like belong to the content; they are dropped when there is no body.
            if (!message.Headers.TryAddWithoutValidation(name, value) && message.Content is not null)
            {
                message.Content.Headers.Remove(name);
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return message;
    }
}
