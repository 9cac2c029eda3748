using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;

namespace McpGateway.Host.Tests;

/// <summary>The host's SignalR hub at /hubs/events, driven by the ASP.NET Core SignalR client.</summary>
public sealed class EventsHubTests(EventStreamFixture gateway) : IClassFixture<EventStreamFixture>
{
    private readonly HttpClient client = gateway.Host.CreateClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_SignalR_client_receives_catalog_events_as_the_event_method()
    {
        var received = Channel.CreateUnbounded<JsonElement>();
        await using var connection = Connect(options => options.Headers["Authorization"] = BasicCredentials());
        connection.On<JsonElement>("event", envelope => received.Writer.TryWrite(envelope));
        await connection.StartAsync(Ct);

        var name = "hub-" + Guid.NewGuid().ToString("N")[..8];
        var id = (await (await client.PostJsonAsync("tools", $$"""{"name":"{{name}}","url":"http://127.0.0.1:1/x"}""")).ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
        await (await client.DeleteAsync($"tools/{id}", Ct)).ExpectAsync(HttpStatusCode.OK);

        var added = await NextAsync(received.Reader, e => e.GetProperty("id").GetString() == id);
        var removed = await NextAsync(received.Reader, e => e.GetProperty("id").GetString() == id);
        Assert.Equal(("added", "tool", name), (added.GetProperty("type").GetString(), added.GetProperty("entity").GetString(), added.GetProperty("data").GetProperty("name").GetString()));
        Assert.Equal("removed", removed.GetProperty("type").GetString());
        Assert.True(string.CompareOrdinal(added.GetProperty("eventId").GetString(), removed.GetProperty("eventId").GetString()) < 0);
    }

    [Fact]
    public async Task A_bearer_token_may_come_as_access_token_and_every_client_gets_each_event()
    {
        var token = MintToken();
        var first = Channel.CreateUnbounded<JsonElement>();
        var second = Channel.CreateUnbounded<JsonElement>();
        await using var one = Connect(options => options.AccessTokenProvider = () => Task.FromResult<string?>(token));
        await using var two = Connect(options => options.Headers["Authorization"] = BasicCredentials());
        one.On<JsonElement>("event", envelope => first.Writer.TryWrite(envelope));
        two.On<JsonElement>("event", envelope => second.Writer.TryWrite(envelope));
        await one.StartAsync(Ct);
        await two.StartAsync(Ct);

        var uri = "/hub-" + Guid.NewGuid().ToString("N")[..8];
        await (await client.PostJsonAsync("roots", $$"""{"uri":"{{uri}}"}""")).ExpectAsync(HttpStatusCode.Created);

        static bool AboutRoot(JsonElement e, string uri) => e.GetProperty("entity").GetString() == "root" && e.GetProperty("data").GetProperty("uri").GetString() == uri;
        Assert.Equal("added", (await NextAsync(first.Reader, e => AboutRoot(e, uri))).GetProperty("type").GetString());
        Assert.Equal("added", (await NextAsync(second.Reader, e => AboutRoot(e, uri))).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Clients_without_credentials_are_refused()
    {
        await using var connection = Connect(_ => { });
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync(Ct));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Negotiating_with_a_session_cookie_but_without_its_csrf_token_is_forbidden()
    {
        var signIn = await client.PostAsync("auth/session", null, Ct);
        await signIn.ExpectAsync(HttpStatusCode.OK);
        var cookies = string.Join("; ", signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        using var anonymous = gateway.Host.CreateClient(authorization: null);
        using var negotiate = new HttpRequestMessage(HttpMethod.Post, "hubs/events/negotiate?negotiateVersion=1");
        negotiate.Headers.Add("Cookie", cookies);

        var response = await anonymous.SendAsync(negotiate, Ct);

        var problem = await response.ExpectProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("X-CSRF-Token", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private HubConnection Connect(Action<Microsoft.AspNetCore.Http.Connections.Client.HttpConnectionOptions> configure) =>
        new HubConnectionBuilder().WithUrl(new Uri(gateway.Host.BaseAddress, "hubs/events"), configure).Build();

    private static string BasicCredentials() =>
        new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{GatewayHostProcess.User}:{GatewayHostProcess.Password}"))).ToString();

    /// <summary>A gateway token as the host's <c>token</c> command mints it (HS256 with JWT_SECRET_KEY).</summary>
    private static string MintToken()
    {
        var handler = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler();
        return handler.CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object> { ["sub"] = "hub-user" },
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new Microsoft.IdentityModel.Tokens.SigningCredentials(
                new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(Encoding.UTF8.GetBytes(GatewayHostProcess.JwtSecret)), "HS256"),
        });
    }

    /// <summary>The next event this test is about (the class's other tests share the host).</summary>
    private static async Task<JsonElement> NextAsync(ChannelReader<JsonElement> events, Func<JsonElement, bool> wanted)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            var next = await events.ReadAsync(timeout.Token);
            if (wanted(next))
            {
                return next;
            }
        }
    }
}
