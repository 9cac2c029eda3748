using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json.Nodes;

namespace McpGateway.Benchmarks;

/// <summary>
/// tools/call (and tools/list) on a Streamable HTTP endpoint with raw POSTs, as a client sends them: statelessly in
/// 2026-07-28 (Mcp-Method / Mcp-Name headers, protocol version and client capabilities in <c>_meta</c>) or in a
/// 2025-11-25 session (initialize once, then Mcp-Session-Id on every request).
/// </summary>
public sealed class StreamableHttpToolCaller
{
    public const string StatelessRevision = "2026-07-28";
    public const string SessionRevision = "2025-11-25";

    private static readonly MediaTypeWithQualityHeaderValue Json = new("application/json");
    private static readonly MediaTypeWithQualityHeaderValue EventStream = new("text/event-stream");

    private readonly HttpClient http;
    private readonly string tool;
    private readonly string revision;

    /// <summary>The tools/call message without its id, serialized once: a call only puts its id in front.</summary>
    private readonly string toolCallWithoutId;
    private string? sessionId;

    private StreamableHttpToolCaller(HttpClient http, string tool, JsonObject arguments, string revision)
    {
        this.http = http;
        this.tool = tool;
        this.revision = revision;
        toolCallWithoutId = Message("tools/call", WithMeta(new JsonObject { ["name"] = tool, ["arguments"] = arguments.DeepClone() }), id: null).ToJsonString();
    }

    private bool Stateless => revision == StatelessRevision;

    /// <param name="http">A client whose base address is the server's; the endpoint is <c>/mcp</c> under it.</param>
    public static StreamableHttpToolCaller CreateStateless(HttpClient http, string tool, JsonObject arguments) =>
        new(http, tool, arguments, StatelessRevision);

    /// <summary>A caller for tools/list only (2026-07-28).</summary>
    public static StreamableHttpToolCaller CreateLister(HttpClient http) => new(http, tool: string.Empty, [], StatelessRevision);

    public static async Task<StreamableHttpToolCaller> OpenSessionAsync(HttpClient http, string tool, JsonObject arguments, CancellationToken cancellationToken)
    {
        var caller = new StreamableHttpToolCaller(http, tool, arguments, SessionRevision);
        var initialize = new JsonObject
        {
            ["protocolVersion"] = SessionRevision,
            ["capabilities"] = new JsonObject(),
            ["clientInfo"] = new JsonObject { ["name"] = "mcpgateway-benchmark", ["version"] = "1.0" },
        };
        using (var response = await caller.SendAsync(Message("initialize", initialize, id: 0), cancellationToken))
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            caller.sessionId = response.StatusCode == HttpStatusCode.OK && response.Headers.TryGetValues("Mcp-Session-Id", out var ids)
                ? ids.Single()
                : throw new InvalidOperationException($"initialize answered {(int)response.StatusCode} without a session: {text}");
        }

        using (var response = await caller.SendAsync(Message("notifications/initialized", parameters: null, id: null), cancellationToken))
        {
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                throw new InvalidOperationException($"notifications/initialized answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
        }

        return caller;
    }

    /// <summary>Calls the tool; null when it answered a result that is not an error, else what it answered.</summary>
    /// <remarks>A substring check rather than parsing, so the client's own work stays small next to the gateway's.</remarks>
    public async Task<string?> CallAsync(long id, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(ToolCall(id), "tools/call", tool, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.StatusCode == HttpStatusCode.OK && text.Contains("\"result\"", StringComparison.Ordinal) && !text.Contains("\"isError\":true", StringComparison.Ordinal)
            ? null
            : $"{(int)response.StatusCode}: {text}";
    }

    /// <summary>Calls the tool once and returns the text of its result, failing with the response when there is none.</summary>
    public async Task<string> CallForTextAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(ToolCall(id: 0), "tools/call", tool, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var result = Answer(response, text)?["result"];
        return response.StatusCode == HttpStatusCode.OK && result?["isError"]?.GetValue<bool>() != true && result?["content"]?[0]?["text"]?.GetValue<string>() is { } content
            ? content
            : throw new InvalidOperationException($"tools/call over {revision} answered {(int)response.StatusCode}: {text}");
    }

    /// <summary>Asks for one page of tools/list: what went wrong (null on success) and the next page's cursor (null after the last).</summary>
    public async Task<(string? Failure, string? NextCursor)> ListToolsAsync(long id, string? cursor, CancellationToken cancellationToken)
    {
        var parameters = new JsonObject();
        if (cursor is not null)
        {
            parameters["cursor"] = cursor;
        }

        using var response = await SendAsync(Message("tools/list", WithMeta(parameters), id), cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var result = response.StatusCode == HttpStatusCode.OK ? Answer(response, text)?["result"] : null;
        return result?["tools"] is JsonArray
            ? (null, result["nextCursor"]?.GetValue<string>())
            : ($"{(int)response.StatusCode}: {text}", null);
    }

    /// <summary>The JSON-RPC answer in a response: its body, or the last message with a result or an error on its event stream.</summary>
    private static JsonNode? Answer(HttpResponseMessage response, string text) =>
        response.Content.Headers.ContentType?.MediaType == "text/event-stream"
            ? SseParser.Create(new MemoryStream(Encoding.UTF8.GetBytes(text))).Enumerate()
                .Select(item => JsonNode.Parse(item.Data))
                .LastOrDefault(message => message?["result"] is not null || message?["error"] is not null)
            : JsonNode.Parse(text);

    private string ToolCall(long id) => "{\"id\":" + id.ToString(CultureInfo.InvariantCulture) + "," + toolCallWithoutId[1..];

    /// <summary>The parameters with what 2026-07-28 carries in every request's <c>_meta</c>, as the SDK's client sends it.</summary>
    private JsonObject WithMeta(JsonObject parameters)
    {
        if (Stateless)
        {
            parameters["_meta"] = new JsonObject
            {
                ["io.modelcontextprotocol/protocolVersion"] = StatelessRevision,
                ["io.modelcontextprotocol/clientCapabilities"] = new JsonObject(),
                ["io.modelcontextprotocol/clientInfo"] = new JsonObject { ["name"] = "mcpgateway-benchmark", ["version"] = "1.0" },
            };
        }

        return parameters;
    }

    private static JsonObject Message(string method, JsonObject? parameters, long? id)
    {
        var message = new JsonObject { ["jsonrpc"] = "2.0" };
        if (id is not null)
        {
            message["id"] = id.Value;
        }

        message["method"] = method;
        if (parameters is not null)
        {
            message["params"] = parameters;
        }

        return message;
    }

    private Task<HttpResponseMessage> SendAsync(JsonObject message, CancellationToken cancellationToken) =>
        SendAsync(message.ToJsonString(), message["method"]!.GetValue<string>(), message["params"]?["name"]?.GetValue<string>(), cancellationToken);

    private async Task<HttpResponseMessage> SendAsync(string message, string method, string? name, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "mcp")
        {
            Content = new StringContent(message, Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(Json);
        request.Headers.Accept.Add(EventStream);
        request.Headers.Add("MCP-Protocol-Version", revision);
        if (sessionId is not null)
        {
            request.Headers.Add("Mcp-Session-Id", sessionId);
        }

        if (Stateless)
        {
            // Routing headers that must repeat the body (SEP-2243), so intermediaries need not parse it.
            request.Headers.Add("Mcp-Method", method);
            if (name is not null)
            {
                request.Headers.Add("Mcp-Name", name);
            }
        }

        return await http.SendAsync(request, cancellationToken);
    }
}
