using System.Net;
using System.Net.WebSockets;

namespace McpGateway.Host.Tests;

/// <summary>TRANSPORT_TYPE turns the long-lived HTTP transports on and off (the REST API and <c>/mcp</c> stay); they follow APP_ROOT_PATH.</summary>
public sealed class TransportTypeTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("http", false, false)]
    [InlineData("sse", true, false)]
    [InlineData("ws", false, true)]
    [InlineData("ALL", true, true)]
    public async Task Transport_type_decides_which_transports_exist(string transportType, bool sse, bool webSocket)
    {
        await using var host = await GatewayHostProcess.StartAsync(azurite.ConnectionString, new Dictionary<string, string?> { ["TRANSPORT_TYPE"] = transportType });
        using var http = host.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("tools", Ct)).StatusCode);
        using (var stream = await http.GetAsync("sse", HttpCompletionOption.ResponseHeadersRead, Ct))
        {
            Assert.Equal(sse ? HttpStatusCode.OK : HttpStatusCode.NotFound, stream.StatusCode);
        }

        Assert.Equal(sse ? HttpStatusCode.BadRequest : HttpStatusCode.NotFound, (await http.PostJsonAsync("message", "{}")).StatusCode);
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Authorization", TransportGatewayFixture.BasicCredentials);
        var connecting = socket.ConnectAsync(new UriBuilder(new Uri(host.BaseAddress, "ws")) { Scheme = "ws" }.Uri, Ct);
        if (webSocket)
        {
            await connecting;
            Assert.Equal(WebSocketState.Open, socket.State);
        }
        else
        {
            await Assert.ThrowsAsync<WebSocketException>(() => connecting);
            Assert.Equal(HttpStatusCode.NotFound, socket.HttpStatusCode);
        }
    }

    [Fact]
    public async Task Sse_message_url_keeps_app_root_path()
    {
        await using var host = await GatewayHostProcess.StartAsync(azurite.ConnectionString, new Dictionary<string, string?> { ["APP_ROOT_PATH"] = "/gateway" });
        using var http = host.CreateClient();
        using var response = await http.GetAsync("sse", HttpCompletionOption.ResponseHeadersRead, Ct);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Ct));

        string? data = null;
        while (data is null && await reader.ReadLineAsync(Ct) is { } line)
        {
            data = line.StartsWith("data:", StringComparison.Ordinal) ? line[5..].Trim() : null;
        }

        Assert.StartsWith("/gateway/message?session_id=", data, StringComparison.Ordinal);
    }
}
