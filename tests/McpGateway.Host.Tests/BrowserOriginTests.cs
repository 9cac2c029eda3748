using System.Net;
using McpGateway.Shared.Notifications.SignalRService;

namespace McpGateway.Host.Tests;

/// <summary>
/// ALLOWED_ORIGINS guards every route a browser can reach, not only /mcp: a request from a foreign origin is refused
/// with 403 before its credentials are even looked at (the Host's own transports and SignalR hub included), while requests without an Origin (non-browser clients) and from
/// an allowed origin are served.
/// </summary>
public sealed class BrowserOriginTests(GatewayHostFixture gateway) : IClassFixture<GatewayHostFixture>
{
    private const string Foreign = "http://evil.example";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> EveryRoute()
    {
        var hostOnly = new[]
        {
            ("GET", "sse"), ("POST", "message?session_id=no-such-session"), ("GET", "ws"),
            ("POST", SignalRNegotiation.RouteTemplate + "?negotiateVersion=1"),
        };
        return new TheoryData<string, string>(RouteTemplates.All().Select(r => (r.Method, r.Path)).Concat(hostOnly));
    }

    [Theory]
    [MemberData(nameof(EveryRoute))]
    public async Task A_request_from_a_foreign_origin_is_403_on_every_route(string method, string path)
    {
        using var client = gateway.Host.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.TryAddWithoutValidation("Origin", Foreign);

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("http://localhost:4444")]
    public async Task Requests_without_an_origin_or_from_an_allowed_one_are_served(string? origin)
    {
        using var client = gateway.Host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "rpc")
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"ping"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }

        using var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
