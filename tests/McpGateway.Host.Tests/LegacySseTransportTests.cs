using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpGateway.Host.Tests;

/// <summary>The 2024-11-05 HTTP+SSE transport (<c>/sse</c> + <c>/message</c>), driven by the C# SDK's SSE client.</summary>
public sealed class LegacySseTransportTests(TransportGatewayFixture gateway) : IClassFixture<TransportGatewayFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sdk_client_lists_and_calls_tools_over_sse()
    {
        await using var client = await ConnectAsync("sse");

        var tools = await client.ListToolsAsync(cancellationToken: Ct);
        Assert.Contains(tools, t => t.Name == TransportGatewayFixture.ToolName);
        var result = await client.CallToolAsync(TransportGatewayFixture.ToolName, new Dictionary<string, object?> { ["text"] = "over sse" }, cancellationToken: Ct);

        Assert.NotEqual(true, result.IsError);
        Assert.Contains("echoed", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text, StringComparison.Ordinal);
        Assert.Equal("""{"text":"over sse"}""", gateway.Upstream.Requests[^1].Body);
        var resource = await client.ReadResourceAsync("config://app/settings", cancellationToken: Ct);
        Assert.Equal("key=value", Assert.IsType<TextResourceContents>(Assert.Single(resource.Contents)).Text);
        await client.SetLoggingLevelAsync(LoggingLevel.Debug, cancellationToken: Ct);
    }

    [Fact]
    public async Task Catalog_changes_arrive_on_the_stream_as_list_changed_notifications()
    {
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var client = await ConnectAsync("sse", new McpClientHandlers
        {
            NotificationHandlers = [new(NotificationMethods.ToolListChangedNotification, (_, _) =>
            {
                changed.TrySetResult();
                return ValueTask.CompletedTask;
            })],
        });
        await client.PingAsync(cancellationToken: Ct);

        using var rest = gateway.Host.CreateClient();
        await (await rest.PostJsonAsync("tools", $$"""{"name":"sse_notice","url":"{{gateway.Upstream.Url("/notice")}}"}""")).ExpectAsync(HttpStatusCode.Created);

        await changed.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
    }

    [Fact]
    public async Task Virtual_server_stream_serves_only_that_servers_items()
    {
        await using var client = await ConnectAsync($"servers/{gateway.ToolServerId}/sse");

        var tools = await client.ListToolsAsync(cancellationToken: Ct);
        Assert.Equal(TransportGatewayFixture.ToolName, Assert.Single(tools).Name);
        Assert.Empty(await client.ListResourcesAsync(cancellationToken: Ct));
        var result = await client.CallToolAsync(TransportGatewayFixture.ToolName, new Dictionary<string, object?> { ["text"] = "scoped" }, cancellationToken: Ct);
        Assert.NotEqual(true, result.IsError);
    }

    [Fact]
    public async Task Stream_opens_with_the_endpoint_event_naming_the_message_url()
    {
        using var http = gateway.Host.CreateClient();
        await using var stream = await OpenStreamAsync(http, "sse");

        Assert.Equal("endpoint", stream.Event);
        Assert.StartsWith("/message?session_id=", stream.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Posted_message_is_accepted_and_answered_on_the_stream()
    {
        using var http = gateway.Host.CreateClient();
        await using var stream = await OpenStreamAsync(http, $"servers/{gateway.ToolServerId}/sse");
        Assert.StartsWith($"/servers/{gateway.ToolServerId}/message?session_id=", stream.Data, StringComparison.Ordinal);

        var posted = await http.PostJsonAsync(stream.Data.TrimStart('/'), """{"jsonrpc":"2.0","id":7,"method":"ping"}""");

        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var (name, data) = await stream.NextEventAsync();
        Assert.Equal("message", name);
        using var answer = JsonDocument.Parse(data);
        Assert.Equal(7, answer.RootElement.GetProperty("id").GetInt32());
        Assert.True(answer.RootElement.TryGetProperty("result", out _));
    }

    [Fact]
    public async Task Message_without_session_id_is_a_bad_request()
    {
        using var http = gateway.Host.CreateClient();
        var error = await (await http.PostJsonAsync("message", """{"jsonrpc":"2.0","id":1,"method":"ping"}""")).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("session_id", error["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Message_for_an_unknown_session_is_not_found()
    {
        using var http = gateway.Host.CreateClient();
        var error = await (await http.PostJsonAsync("message?session_id=no-such-session", """{"jsonrpc":"2.0","id":1,"method":"ping"}""")).ExpectAsync(HttpStatusCode.NotFound);
        Assert.Equal(-32001, error["error"]!["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task Message_to_another_endpoints_session_is_not_found()
    {
        using var http = gateway.Host.CreateClient();
        await using var stream = await OpenStreamAsync(http, "sse");
        var sessionId = stream.Data[(stream.Data.IndexOf('=', StringComparison.Ordinal) + 1)..];

        var posted = await http.PostJsonAsync($"servers/{gateway.ToolServerId}/message?session_id={sessionId}", """{"jsonrpc":"2.0","id":1,"method":"ping"}""");

        await posted.ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Malformed_json_is_refused_with_a_parse_error_and_the_session_continues()
    {
        using var http = gateway.Host.CreateClient();
        await using var stream = await OpenStreamAsync(http, "sse");

        var error = await (await http.PostJsonAsync(stream.Data.TrimStart('/'), "{\"jsonrpc\":\"2.0\",")).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(-32700, error["error"]!["code"]!.GetValue<int>());
        var invalid = await (await http.PostJsonAsync(stream.Data.TrimStart('/'), "[1,2]")).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(-32600, invalid["error"]!["code"]!.GetValue<int>());

        Assert.Equal(HttpStatusCode.Accepted, (await http.PostJsonAsync(stream.Data.TrimStart('/'), """{"jsonrpc":"2.0","id":2,"method":"ping"}""")).StatusCode);
        Assert.Equal("message", (await stream.NextEventAsync()).Event);
    }

    [Fact]
    public async Task Message_from_another_user_is_forbidden()
    {
        using var http = gateway.Host.CreateClient();
        await using var stream = await OpenStreamAsync(http, "sse");
        using var intruder = gateway.Host.CreateClient(new AuthenticationHeaderValue("Bearer", TransportGatewayFixture.BearerToken("someone-else")));

        var posted = await intruder.PostJsonAsync(stream.Data.TrimStart('/'), """{"jsonrpc":"2.0","id":1,"method":"ping"}""");

        await posted.ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Stream_and_messages_need_credentials()
    {
        using var anonymous = gateway.Host.CreateClient(authorization: null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("sse", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostJsonAsync("message?session_id=x", "{}")).StatusCode);
    }

    [Fact]
    public async Task Browser_from_a_foreign_origin_gets_no_stream()
    {
        using var http = gateway.Host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "sse") { Headers = { { "Origin", "http://evil.example" } } };

        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);

        await response.ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Unknown_virtual_server_has_no_stream()
    {
        using var http = gateway.Host.CreateClient();
        await (await http.GetAsync("servers/no-such-server/sse", Ct)).ExpectAsync(HttpStatusCode.NotFound);
    }

    private async Task<McpClient> ConnectAsync(string path, McpClientHandlers? handlers = null) =>
        await McpClient.CreateAsync(
            new HttpClientTransport(new HttpClientTransportOptions
            {
                Endpoint = new Uri(gateway.Host.BaseAddress, path),
                TransportMode = HttpTransportMode.Sse,
                AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = TransportGatewayFixture.BasicCredentials },
            }),
            new McpClientOptions { ProtocolVersion = "2024-11-05", ClientInfo = new() { Name = "sse-tests", Version = "1.0" }, Handlers = handlers ?? new() },
            cancellationToken: Ct);

    private static async Task<SseStream> OpenStreamAsync(HttpClient http, string path)
    {
        var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var stream = new SseStream(response, new StreamReader(await response.Content.ReadAsStreamAsync(Ct)));
        (stream.Event, stream.Data) = await stream.NextEventAsync();
        return stream;
    }

    /// <summary>An open SSE response read event by event; <see cref="Event"/> and <see cref="Data"/> hold the first.</summary>
    private sealed class SseStream(HttpResponseMessage response, StreamReader reader) : IAsyncDisposable
    {
        public string Event { get; set; } = string.Empty;

        public string Data { get; set; } = string.Empty;

        public async Task<(string Event, string Data)> NextEventAsync()
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            string name = "message", data = string.Empty;
            while (await reader.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.Length == 0 && data.Length > 0)
                {
                    return (name, data);
                }

                if (line.StartsWith("event:", StringComparison.Ordinal))
                {
                    name = line[6..].Trim();
                }
                else if (line.StartsWith("data:", StringComparison.Ordinal))
                {
                    data += line[5..].Trim();
                }
            }

            throw new EndOfStreamException("The stream ended before an event.");
        }

        public ValueTask DisposeAsync()
        {
            reader.Dispose();
            response.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
