using System.Net.Http.Headers;
using McpGateway.Shared.Transports.StreamableHttp;

namespace McpGateway.Shared.Upstreams.Mcp;

/// <summary>
/// An upstream may answer an HTTP error status with its JSON-RPC error inside an SSE body (the C# SDK's server does,
/// for SEP-2575's -32021 with 400), but the SDK client reads an error body only as JSON. The one message is
/// unwrapped into a JSON body, so that the caller gets the upstream's error instead of a transport failure.
/// </summary>
public sealed class SseErrorBodyHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType != "text/event-stream")
        {
            return response;
        }

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var messages = SseResponse.Messages(body).ToList();
        HttpContent content = messages is [var single]
            ? new StringContent(single.ToJsonString(), MediaTypeHeaderValue.Parse("application/json"))
            : new ByteArrayContent(body) { Headers = { ContentType = response.Content.Headers.ContentType } };
        response.Content.Dispose();
        response.Content = content;
        return response;
    }
}
