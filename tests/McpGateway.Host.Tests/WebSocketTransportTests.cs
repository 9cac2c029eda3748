using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace McpGateway.Host.Tests;

/// <summary>MCP over WebSocket (<c>/ws</c>, <c>/servers/{id}/ws</c>) with a real ClientWebSocket, and its pings on the wire.</summary>
public sealed class WebSocketTransportTests(TransportGatewayFixture gateway) : IClassFixture<TransportGatewayFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Client_initializes_lists_and_calls_tools_with_the_mcp_subprotocol()
    {
        using var socket = await ConnectAsync("ws");
        Assert.Equal("mcp", socket.SubProtocol);

        var initialized = await InitializeAsync(socket);
        Assert.Equal("2025-06-18", initialized["result"]!["protocolVersion"]!.GetValue<string>());
        Assert.NotNull(initialized["result"]!["capabilities"]!["tools"]);

        var tools = await RequestAsync(socket, 2, "tools/list");
        Assert.Contains(tools["result"]!["tools"]!.AsArray(), t => t!["name"]!.GetValue<string>() == TransportGatewayFixture.ToolName);
        var call = await RequestAsync(socket, 3, "tools/call", new JsonObject { ["name"] = TransportGatewayFixture.ToolName, ["arguments"] = new JsonObject { ["text"] = "over ws" } });
        Assert.NotEqual(true, call["result"]!["isError"]?.GetValue<bool>());
        Assert.Contains("echoed", call["result"]!["content"]![0]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("""{"text":"over ws"}""", gateway.Upstream.Requests[^1].Body);
        Assert.NotNull((await RequestAsync(socket, 4, "logging/setLevel", new JsonObject { ["level"] = "debug" }))["result"]);
    }

    [Fact]
    public async Task Catalog_changes_arrive_as_list_changed_notifications()
    {
        using var socket = await ConnectAsync("ws");
        await InitializeAsync(socket);
        await RequestAsync(socket, 2, "ping");

        using var rest = gateway.Host.CreateClient();
        await (await rest.PostJsonAsync("prompts", """{"name":"ws_notice","template":"hi"}""")).ExpectAsync(HttpStatusCode.Created);

        var notification = await ReceiveAsync(socket);
        Assert.Equal("notifications/prompts/list_changed", notification["method"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_client_that_reconnects_with_the_last_event_id_hears_what_it_missed()
    {
        using var rest = gateway.Host.CreateClient();
        string lastEventId;
        using (var first = await ConnectAsync("ws"))
        {
            await InitializeAsync(first);
            await RequestAsync(first, 2, "ping");
            await (await rest.PostJsonAsync("prompts", """{"name":"ws_before_drop","template":"hi"}""")).ExpectAsync(HttpStatusCode.Created);
            var heard = await ReceiveAsync(first);
            lastEventId = heard["params"]!["_meta"]!["io.mcpgateway/eventId"]!.GetValue<string>();
            await first.CloseAsync(WebSocketCloseStatus.NormalClosure, "dropping", Ct);
        }

        // Missed while away.
        await (await rest.PostJsonAsync("tools", """{"name":"ws_while_away","url":"http://127.0.0.1:9/x"}""")).ExpectAsync(HttpStatusCode.Created);

        using var second = await ConnectAsync("ws", lastEventId);
        await InitializeAsync(second);
        var missed = await ReceiveAsync(second);
        Assert.Equal("notifications/tools/list_changed", missed["method"]!.GetValue<string>());
        Assert.True(string.CompareOrdinal(missed["params"]!["_meta"]!["io.mcpgateway/eventId"]!.GetValue<string>(), lastEventId) > 0);
    }

    [Fact]
    public async Task A_browser_sends_its_bearer_token_as_access_token()
    {
        using var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("mcp");
        var uri = new UriBuilder(SocketUri("ws")) { Query = "access_token=" + Uri.EscapeDataString(TransportGatewayFixture.BearerToken("browser-user")) }.Uri;
        await socket.ConnectAsync(uri, Ct);
        Assert.NotNull((await InitializeAsync(socket))["result"]);

        using var forged = new ClientWebSocket();
        forged.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => forged.ConnectAsync(new UriBuilder(SocketUri("ws")) { Query = "access_token=forged" }.Uri, Ct));
        Assert.Equal(HttpStatusCode.Unauthorized, forged.HttpStatusCode);
    }

    [Fact]
    public async Task A_last_event_id_the_gateway_never_issued_is_400()
    {
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", TransportGatewayFixture.BasicCredentials);
        socket.Options.SetRequestHeader("Last-Event-ID", "not-an-event-id");
        socket.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(SocketUri("ws"), Ct));
        Assert.Equal(HttpStatusCode.BadRequest, socket.HttpStatusCode);
    }

    [Fact]
    public async Task Virtual_server_socket_serves_only_that_servers_tools()
    {
        using var socket = await ConnectAsync($"servers/{gateway.ToolServerId}/ws");
        await InitializeAsync(socket);

        var tools = await RequestAsync(socket, 2, "tools/list");

        Assert.Equal(TransportGatewayFixture.ToolName, Assert.Single(tools["result"]!["tools"]!.AsArray())!["name"]!.GetValue<string>());
        Assert.Empty((await RequestAsync(socket, 3, "resources/list"))["result"]!["resources"]!.AsArray());
    }

    [Fact]
    public async Task Malformed_messages_get_json_rpc_errors_and_the_connection_stays_open()
    {
        using var socket = await ConnectAsync("ws");
        await InitializeAsync(socket);

        await SendAsync(socket, "{\"jsonrpc\":\"2.0\",\"id\":");
        var parseError = await ReceiveAsync(socket);
        Assert.Equal(-32700, parseError["error"]!["code"]!.GetValue<int>());
        await SendAsync(socket, """{"jsonrpc":"1.0","id":5,"method":"ping"}""");
        var invalid = await ReceiveAsync(socket);
        Assert.Equal(-32600, invalid["error"]!["code"]!.GetValue<int>());
        Assert.Equal(5, invalid["id"]!.GetValue<int>());

        var ping = await RequestAsync(socket, 6, "ping");
        Assert.NotNull(ping["result"]);
        Assert.Equal(WebSocketState.Open, socket.State);
    }

    [Fact]
    public async Task Connection_that_answers_pings_stays_open_across_many_intervals()
    {
        using var socket = await ConnectAsync("ws");
        await InitializeAsync(socket);

        // A pending read, as any client's read loop has: it is what answers the server's pings.
        var reading = ReceiveAsync(socket);
        await Task.Delay(TimeSpan.FromSeconds(4), Ct); // four WEBSOCKET_PING_INTERVALs

        Assert.Equal(WebSocketState.Open, socket.State);
        await SendAsync(socket, """{"jsonrpc":"2.0","id":2,"method":"ping"}""");
        var answer = await reading;
        Assert.Equal(2, answer["id"]!.GetValue<int>());
        Assert.NotNull(answer["result"]);
    }

    [Fact]
    public async Task Server_pings_every_interval_and_drops_a_client_that_never_answers()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, gateway.Host.BaseAddress.Port, Ct);
        var stream = tcp.GetStream();
        var handshake = $"GET /ws HTTP/1.1\r\nHost: 127.0.0.1:{gateway.Host.BaseAddress.Port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + $"Sec-WebSocket-Key: {Convert.ToBase64String(Guid.NewGuid().ToByteArray())}\r\nSec-WebSocket-Version: 13\r\n"
            + $"Authorization: {TransportGatewayFixture.BasicCredentials}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(handshake), Ct);
        Assert.StartsWith("HTTP/1.1 101", await ReadHeadAsync(stream), StringComparison.Ordinal);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        var opcodes = new List<int>();
        var buffer = new byte[1024];
        try
        {
            // A raw client that never sends a pong: read what the server sends until it gives up on us.
            while (await stream.ReadAsync(buffer, timeout.Token) is var read and > 0)
            {
                opcodes.Add(buffer[0] & 0x0F);
            }
        }
        catch (IOException)
        {
            // The server aborted the connection: what a client that stopped answering pings gets.
        }

        Assert.Contains(0x9, opcodes); // ping
        Assert.False(timeout.IsCancellationRequested, "The server kept a client that never answered its pings.");
    }

    [Fact]
    public async Task Plain_http_request_is_told_to_upgrade()
    {
        using var http = gateway.Host.CreateClient();
        var response = await http.GetAsync("ws", Ct);
        var error = await response.ExpectAsync(HttpStatusCode.UpgradeRequired);
        Assert.Contains("WebSocket", error["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Socket_needs_credentials()
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(SocketUri("ws"), Ct));
        Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);
    }

    [Fact]
    public async Task Browser_from_a_foreign_origin_cannot_connect()
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Authorization", TransportGatewayFixture.BasicCredentials);
        socket.Options.SetRequestHeader("Origin", "http://evil.example");

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(SocketUri("ws"), Ct));

        Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);
    }

    private Uri SocketUri(string path) => new UriBuilder(new Uri(gateway.Host.BaseAddress, path)) { Scheme = "ws" }.Uri;

    private async Task<ClientWebSocket> ConnectAsync(string path, string? lastEventId = null)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", TransportGatewayFixture.BasicCredentials);
        if (lastEventId is not null)
        {
            socket.Options.SetRequestHeader("Last-Event-ID", lastEventId);
        }

        socket.Options.AddSubProtocol("mcp");
        await socket.ConnectAsync(SocketUri(path), Ct);
        return socket;
    }

    private static async Task<JsonNode> InitializeAsync(ClientWebSocket socket)
    {
        var result = await RequestAsync(socket, 1, "initialize", new JsonObject
        {
            ["protocolVersion"] = "2025-06-18",
            ["capabilities"] = new JsonObject(),
            ["clientInfo"] = new JsonObject { ["name"] = "ws-tests", ["version"] = "1.0" },
        });
        await SendAsync(socket, """{"jsonrpc":"2.0","method":"notifications/initialized"}""");
        return result;
    }

    private static async Task<JsonNode> RequestAsync(ClientWebSocket socket, int id, string method, JsonObject? parameters = null)
    {
        var request = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method };
        if (parameters is not null)
        {
            request["params"] = parameters;
        }

        await SendAsync(socket, request.ToJsonString());
        while (true)
        {
            var message = await ReceiveAsync(socket);
            if (message["id"]?.GetValue<int>() == id)
            {
                return message;
            }
        }
    }

    private static Task SendAsync(ClientWebSocket socket, string json) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, endOfMessage: true, Ct);

    private static async Task<JsonNode> ReceiveAsync(ClientWebSocket socket)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        using var message = new MemoryStream();
        var buffer = new byte[8192];
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, timeout.Token);
            Assert.Equal(WebSocketMessageType.Text, result.MessageType);
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);

        return JsonNode.Parse(message.ToArray())!;
    }

    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(one, Ct) == 1)
        {
            head.Append((char)one[0]);
        }

        return head.ToString();
    }
}
