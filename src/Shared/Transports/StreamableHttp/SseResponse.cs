using System.Net.ServerSentEvents;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace McpGateway.Shared.Transports.StreamableHttp;

/// <summary>Server-sent-event responses: headers that keep proxies from buffering, and reading events back.</summary>
public static class SseResponse
{
    public static void Prepare(HttpContext context)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache,no-store";
        context.Response.Headers.ContentEncoding = "identity";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
    }

    /// <summary>The JSON of each event in <paramref name="stream"/> that carries data (what the server core wrote for one message).</summary>
    public static IEnumerable<JsonNode> Messages(byte[] stream) =>
        Data(new MemoryStream(stream)).Select(data => JsonNode.Parse(data)).OfType<JsonNode>();

    /// <summary>The data of each event in <paramref name="stream"/> that carries any, in order, as the UTF-8 it was written in.</summary>
    public static IEnumerable<byte[]> Data(Stream stream) =>
        SseParser.Create(stream, (_, data) => data.ToArray()).Enumerate()
            .Select(item => item.Data)
            .Where(data => data.AsSpan().IndexOfAnyExcept(" \t\r\n"u8) >= 0);
}
