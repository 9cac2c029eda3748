using System.Net;
using System.Text.Json;
using McpGateway.Shared.Notifications;
using McpGateway.Shared.Notifications.SignalRService;
using Microsoft.Extensions.Options;

namespace McpGateway.Shared.Tests.Notifications;

/// <summary>The Azure SignalR Service REST publisher against a listener that checks tokens and request shapes.</summary>
public sealed class SignalRServiceClientTests : IAsyncLifetime
{
    private SignalRServiceListener listener = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => listener = await SignalRServiceListener.StartAsync();

    public ValueTask DisposeAsync() => listener.DisposeAsync();

    [Fact]
    public async Task Sends_to_the_hub_a_user_and_a_group_and_manages_membership_on_the_documented_paths()
    {
        var client = Client(listener.ConnectionString());

        await client.BroadcastAsync("events", "event", [new { n = 1 }], Ct);
        await client.SendToUserAsync("events", "alice", "event", [new { n = 2 }], Ct);
        await client.SendToGroupAsync("events", "tools", "event", [new { n = 3 }], Ct);
        await client.AddToGroupAsync("events", "tools", "conn1", Ct);
        await client.RemoveFromGroupAsync("events", "tools", "conn1", Ct);

        var requests = listener.Requests.ToArray();
        Assert.Equal(
            [
                ("POST", "/api/v1/hubs/events"),
                ("POST", "/api/v1/hubs/events/users/alice"),
                ("POST", "/api/v1/hubs/events/groups/tools"),
                ("PUT", "/api/v1/hubs/events/groups/tools/connections/conn1"),
                ("DELETE", "/api/v1/hubs/events/groups/tools/connections/conn1"),
            ],
            requests.Select(r => (r.Method, r.PathAndQuery)));
        Assert.All(requests, r => Assert.True(r.Authorized));
        Assert.Equal([1, 2, 3], requests.Take(3).Select(r =>
        {
            Assert.Equal("event", r.Body!["target"]!.GetValue<string>());
            return r.Body["arguments"]!.AsArray().Single()!["n"]!.GetValue<int>();
        }));
        Assert.All(requests.Skip(3), r => Assert.Null(r.Body));
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused()
    {
        var client = Client(listener.ConnectionString("another-access-key-0123456789abcdefghijklmnop"));

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => client.BroadcastAsync("events", "event", [], Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.DoesNotContain("another-access-key", refused.Message, StringComparison.Ordinal);
        Assert.False(Assert.Single(listener.Requests).Authorized);
    }

    [Fact]
    public async Task The_relay_broadcasts_each_event_to_the_events_hub_as_the_event_method()
    {
        var relay = new SignalRServiceRelay(Client(listener.ConnectionString()));
        var data = JsonSerializer.SerializeToElement(new { name = "clock", enabled = true });
        var published = new GatewayEvent(EventIds.New(DateTimeOffset.UtcNow), EventTypes.Added, "tool", "t1", DateTimeOffset.UtcNow, data);

        await relay.RelayAsync(published, Ct);

        var request = Assert.Single(listener.Requests);
        Assert.Equal(("POST", "/api/v1/hubs/events", true), (request.Method, request.PathAndQuery, request.Authorized));
        var envelope = request.Body!["arguments"]!.AsArray().Single()!;
        Assert.Equal("event", request.Body["target"]!.GetValue<string>());
        Assert.Equal(
            (published.EventId, "added", "tool", "t1", "clock"),
            (envelope["eventId"]!.GetValue<string>(), envelope["type"]!.GetValue<string>(), envelope["entity"]!.GetValue<string>(), envelope["id"]!.GetValue<string>(),
             envelope["data"]!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task With_Entra_ID_requests_carry_the_credentials_token_and_the_service_issues_client_tokens()
    {
        var credential = new EntraCredential();
        var client = new SignalRServiceClient(
            new HttpClient(), SignalRServiceConnection.WithCredential(listener.Endpoint, credential), Options.Create(new SignalRServiceOptions()), TimeProvider.System);

        await client.BroadcastAsync("events", "event", [new { n = 1 }], Ct);
        var (url, accessToken) = await client.ClientAccessAsync("events", "alice", Ct);

        Assert.Equal($"{listener.Endpoint.AbsoluteUri}client/?hub=events", url);
        Assert.Equal(SignalRServiceListener.IssuedClientToken, accessToken);
        Assert.Equal(
            [("POST", "/api/v1/hubs/events", true), ("POST", "/api/hubs/events/:generateToken?api-version=2022-06-01&minutesToExpire=60&userId=alice", true)],
            listener.Requests.Select(r => (r.Method, r.PathAndQuery, r.Authorized)));
        Assert.NotEmpty(credential.RequestedScopes);
        Assert.All(credential.RequestedScopes, scope => Assert.Equal(SignalRServiceClient.EntraScope, scope));
    }

    [Fact]
    public async Task Without_a_connection_string_the_relay_sends_nothing()
    {
        var relay = new SignalRServiceRelay(Client(connectionString: null));
        await relay.RelayAsync(new GatewayEvent(EventIds.New(DateTimeOffset.UtcNow), EventTypes.Added, "tool", "t1", DateTimeOffset.UtcNow, default), Ct);
        Assert.Empty(listener.Requests);
    }

    internal static SignalRServiceClient Client(string? connectionString) =>
        new(new HttpClient(), Options.Create(new SignalRServiceOptions { ConnectionString = connectionString }), TimeProvider.System);
}
