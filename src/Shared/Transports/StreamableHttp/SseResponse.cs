using System.Text;
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

    /// <summary>The JSON of each <c>data:</c> event in <paramref name="stream"/> (what the server core wrote for one message).</summary>
    public static IEnumerable<JsonNode> Messages(byte[] stream)
    {
        foreach (var line in Encoding.UTF8.GetString(stream).Split('\n'))
        {
            if (line.StartsWith("data:", StringComparison.Ordinal) && JsonNode.Parse(line[5..].Trim()) is { } message)
            {
                yield return message;
            }
        }
    }
}
