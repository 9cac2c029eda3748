using System.Net.WebSockets;

namespace McpGateway.Host.Tests;

/// <summary>A bearer token sent as <c>?access_token=</c> is accepted but never written to the log, even at TRACE.</summary>
public sealed class QueryTokenLogRedactionTests(QueryTokenLogRedactionTests.TraceLoggingGateway gateway) : IClassFixture<QueryTokenLogRedactionTests.TraceLoggingGateway>
{
    public sealed class TraceLoggingGateway(AzuriteFixture azurite) : GatewayHostFixture(azurite)
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["LOG_LEVEL"] = "TRACE" };
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_query_token_that_opened_a_websocket_is_masked_in_every_log_line()
    {
        var token = TransportGatewayFixture.BearerToken("log-user-" + Guid.NewGuid().ToString("N"));
        var marker = Guid.NewGuid().ToString("N");
        using var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("mcp");
        var uri = new UriBuilder(new Uri(gateway.Host.BaseAddress, "ws")) { Scheme = "ws", Query = $"marker={marker}&access_token={Uri.EscapeDataString(token)}" }.Uri;

        await socket.ConnectAsync(uri, Ct);
        Assert.Equal(WebSocketState.Open, socket.State);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, Ct);
        await WaitForLogAsync($"marker={marker}");

        Assert.DoesNotContain(token, gateway.Host.Output, StringComparison.Ordinal);
        Assert.Contains($"marker={marker}&access_token=*****", gateway.Host.Output, StringComparison.Ordinal);
    }

    /// <summary>Waits for the host to log the request (the console logger writes from a queue of its own).</summary>
    private async Task WaitForLogAsync(string text)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (!gateway.Host.Output.Contains(text, StringComparison.Ordinal))
        {
            await Task.Delay(100, timeout.Token);
        }
    }
}
