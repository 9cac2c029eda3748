using System.Net;
using System.Text.Json.Nodes;

namespace McpGateway.Host.Tests;

/// <summary>Federation publishes list_changed after a sync that changed the catalog, and gateway_health when a peer comes and goes.</summary>
public sealed class FederationEventTests(FederationTests.FederatingGateway gateway) : IClassFixture<FederationTests.FederatingGateway>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sync_publishes_list_changed_per_kind_and_health_changes_publish_gateway_health()
    {
        using var client = gateway.Host.CreateClient();
        using var streams = gateway.Host.CreateClient();
        streams.Timeout = Timeout.InfiniteTimeSpan;
        using var stream = await EventStream.OpenAsync(streams, "events?types=list_changed,gateway_health", lastEventId: null, Ct);
        await using var upstream = await TestMcpServer.StartAsync();

        var registered = await (await client.PostJsonAsync("gateways", $$"""{"name":"evented","url":"{{upstream.Endpoint}}"}""")).ExpectAsync(HttpStatusCode.Created);
        var id = registered["id"]!.GetValue<string>();
        var synced = new List<JsonNode>();
        for (var i = 0; i < 3; i++)
        {
            synced.Add((await stream.NextAsync(Ct)).Envelope);
        }

        Assert.Equal(["prompt", "resource", "tool"], synced.Select(e => e["entity"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.All(synced, e =>
        {
            Assert.Equal("list_changed", e["type"]!.GetValue<string>());
            Assert.Equal(id, e["data"]!["gatewayId"]!.GetValue<string>());
            Assert.True(e["data"]!["added"]!.GetValue<int>() > 0);
        });

        await upstream.StopAsync();
        var down = await NextOfTypeAsync(stream, "gateway_health");
        Assert.Equal((id, false), (down["id"]!.GetValue<string>(), down["data"]!["reachable"]!.GetValue<bool>()));

        await upstream.StartAgainAsync();
        var up = await NextOfTypeAsync(stream, "gateway_health");
        Assert.Equal((id, true), (up["id"]!.GetValue<string>(), up["data"]!["reachable"]!.GetValue<bool>()));

        await (await client.DeleteAsync($"gateways/{id}", Ct)).ExpectAsync(HttpStatusCode.OK);
        var removed = await NextOfTypeAsync(stream, "list_changed");
        Assert.True(removed["data"]!["removed"]!.GetValue<int>() > 0);
    }

    /// <summary>The next event of <paramref name="type"/>; a resync while the peer recovers may publish others between.</summary>
    private static async Task<JsonNode> NextOfTypeAsync(EventStream stream, string type)
    {
        while (true)
        {
            var (next, envelope) = await stream.NextAsync(Ct);
            if (next.Event == type)
            {
                return envelope;
            }
        }
    }
}
