using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace McpGateway.Host.Tests;

/// <summary>An open SSE response of the gateway, read event by event; opening it waits for the stream's <c>retry:</c>.</summary>
public sealed class EventStream : IDisposable
{
    private readonly HttpResponseMessage response;
    private readonly ServerSentEventReader reader;

    private EventStream(HttpResponseMessage response, ServerSentEventReader reader, ServerSentEvent first)
    {
        this.response = response;
        this.reader = reader;
        Retry = first.Retry ?? throw new InvalidOperationException($"The stream began with {first}, not retry.");
        ResumeFrom = first.Id;
    }

    /// <summary>The stream's first field: how long the client should wait before reconnecting.</summary>
    public int Retry { get; }

    /// <summary>The id sent with <see cref="Retry"/>: where a client that saw no event yet resumes.</summary>
    public string? ResumeFrom { get; }

    public static async Task<EventStream> OpenAsync(
        HttpClient client, string path, string? lastEventId, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
        {
            request.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            response.Dispose();
            throw new HttpRequestException($"GET {path} answered {(int)response.StatusCode}: {body}", null, response.StatusCode);
        }

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var reader = new ServerSentEventReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        var first = await reader.ReadAsync(cancellationToken) ?? throw new EndOfStreamException("The stream ended before its retry field.");
        return new EventStream(response, reader, first);
    }

    /// <summary>The next event with data, its envelope parsed.</summary>
    public async Task<(ServerSentEvent Event, JsonNode Envelope)> NextAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var next = await reader.ReadDataAsync(timeout.Token);
        return (next, JsonNode.Parse(next.Data!)!);
    }

    /// <summary>Any next item: an event, a comment or a retry field.</summary>
    public Task<ServerSentEvent?> ReadAsync(CancellationToken cancellationToken) => reader.ReadAsync(cancellationToken);

    public void Dispose()
    {
        reader.Dispose();
        response.Dispose();
    }
}
