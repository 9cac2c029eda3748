using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpGateway.Host.Tests;

/// <summary>
/// What a peer's registration says and what the gateway makes of it: pinning, switching off, deleting, the upstream's
/// revision, who judges arguments, and resource URIs of the same upstream registered twice.
/// </summary>
public sealed class FederationStateTests(FederationStateTests.StateGateway gateway) : IClassFixture<FederationStateTests.StateGateway>
{
    /// <summary>Health checks far apart, so that only what a test does connects to its upstream.</summary>
    public sealed class StateGateway(AzuriteFixture azurite) : McpCatalogFixture(azurite)
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["HEALTH_CHECK_INTERVAL"] = "3600",
            ["FEDERATION_SYNC_INTERVAL"] = "3600",
        };
    }

    private readonly HttpClient rest = gateway.Host.CreateClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_null_protocol_version_unpins_a_peer_and_a_member_left_out_keeps_the_pin()
    {
        await using var upstream = await TestMcpServer.StartAsync();
        var id = await RegisterAsync(new { name = "pinned", url = upstream.Endpoint.ToString(), protocol_version = "2025-11-25" });
        Assert.Equal("2025-11-25", (await GatewayAsync(id))["protocolVersion"]!.GetValue<string>());

        var described = await (await rest.PutJsonAsync($"gateways/{id}", """{"description":"still pinned"}""")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("2025-11-25", described["protocolVersion"]!.GetValue<string>());

        var empty = await (await rest.PutJsonAsync($"gateways/{id}", """{"protocol_version":""}""")).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("null", empty["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var unpinned = await (await rest.PutJsonAsync($"gateways/{id}", """{"protocol_version":null}""")).ExpectAsync(HttpStatusCode.OK);
        Assert.Null(unpinned["protocolVersion"]);
        // The re-read after the change spoke the newest revision both sides support.
        Assert.Equal("2026-07-28", unpinned["upstreamRevision"]!.GetValue<string>());
        await DeleteGatewayAsync(id);
    }

    [Fact]
    public async Task The_items_of_a_switched_off_peer_are_listed_over_rest_as_mcp_serves_them()
    {
        await using var upstream = await TestMcpServer.StartAsync();
        var id = await RegisterAsync(new { name = "dimmed", url = upstream.Endpoint.ToString() });
        await (await rest.PostAsync($"gateways/{id}/toggle?activate=false", null, Ct)).ExpectAsync(HttpStatusCode.OK);

        foreach (var kind in new[] { "tools", "resources", "prompts" })
        {
            Assert.DoesNotContain((await ListAsync(kind)).AsArray(), item => item!["gatewayId"]?.GetValue<string>() == id);
            var inactive = (await ListAsync($"{kind}?include_inactive=true")).AsArray().Where(item => item!["gatewayId"]?.GetValue<string>() == id).ToList();
            Assert.NotEmpty(inactive);
            Assert.All(inactive, item => Assert.False(item!["enabled"]!.GetValue<bool>()));
        }

        await using (var client = await gateway.ConnectAsync("2025-11-25"))
        {
            Assert.DoesNotContain(await client.ListToolsAsync(cancellationToken: Ct), tool => tool.Name.StartsWith("dimmed-", StringComparison.Ordinal));
        }

        await (await rest.PostAsync($"gateways/{id}/toggle?activate=true", null, Ct)).ExpectAsync(HttpStatusCode.OK);
        var echo = (await ListAsync("tools")).AsArray().Single(tool => tool!["name"]!.GetValue<string>() == "dimmed-echo")!;
        Assert.True(echo["enabled"]!.GetValue<bool>());
        Assert.True(echo["reachable"]!.GetValue<bool>());
        await DeleteGatewayAsync(id);
    }

    [Fact]
    public async Task Items_that_go_leave_the_virtual_servers_that_bundled_them_and_each_server_is_published_changed()
    {
        await using var upstream = await TestMcpServer.StartAsync();
        var peerId = await RegisterAsync(new { name = "bundled", url = upstream.Endpoint.ToString() });
        var local = (await (await rest.PostJsonAsync("tools", """{"name":"bundled_local","url":"http://127.0.0.1:9/local"}""")).ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
        var spare = (await (await rest.PostJsonAsync("tools", """{"name":"bundled_spare","url":"http://127.0.0.1:9/spare"}""")).ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
        var server = await (await rest.PostJsonAsync("servers", ApiClientExtensions.Json(new
        {
            name = "bundle",
            associated_tools = new[] { "bundled-echo", "bundled_local", "bundled_spare" },
            associated_prompts = new[] { "bundled-summarize" },
        }))).ExpectAsync(HttpStatusCode.Created);
        var serverId = server["id"]!.GetValue<string>();

        using var streams = gateway.Host.CreateClient();
        streams.Timeout = Timeout.InfiniteTimeSpan;
        using var events = await EventStream.OpenAsync(streams, "events?entity=server&types=updated", lastEventId: null, Ct);

        await (await rest.DeleteAsync($"tools/{spare}", Ct)).ExpectAsync(HttpStatusCode.OK);
        var afterTool = await ServerAsync(serverId);
        Assert.Equal(2, afterTool["associatedTools"]!.AsArray().Count);
        Assert.Equal(serverId, (await events.NextAsync(Ct)).Envelope["id"]!.GetValue<string>());

        await DeleteGatewayAsync(peerId);
        var afterPeer = await ServerAsync(serverId);
        Assert.Equal([local], afterPeer["associatedTools"]!.AsArray().Select(item => item!.GetValue<string>()));
        Assert.Empty(afterPeer["associatedPrompts"]!.AsArray());
        // One event for the tools the peer took with it, one for its prompts.
        Assert.Equal(serverId, (await events.NextAsync(Ct)).Envelope["id"]!.GetValue<string>());
        Assert.Equal(serverId, (await events.NextAsync(Ct)).Envelope["id"]!.GetValue<string>());

        await using var client = await gateway.ConnectAsync("2025-11-25", $"servers/{serverId}/mcp");
        Assert.Equal(["bundled_local"], (await client.ListToolsAsync(cancellationToken: Ct)).Select(tool => tool.Name));
    }

    [Fact]
    public async Task An_upstream_older_than_2026_07_28_is_asked_for_server_discover_once_and_again_only_after_a_change()
    {
        await using var upstream = await TestMcpServer.StartSpeakingAsync("2025-11-25");
        var id = await RegisterAsync(new { name = "elder", url = upstream.Endpoint.ToString() });
        Assert.Equal(1, upstream.DiscoverRequests);
        Assert.Equal("2025-11-25", (await GatewayAsync(id))["upstreamRevision"]!.GetValue<string>());

        // A session caller that answers questions gets an upstream session of its own: a new connection, made in the
        // revision learned, with no probe first.
        await using (var caller = await gateway.ConnectAsync("2025-11-25", handlers: new McpClientHandlers
        {
            ElicitationHandler = (_, _) => ValueTask.FromResult(new ElicitResult { Action = "decline" }),
        }))
        {
            var echo = await caller.CallToolAsync("elder-echo", new Dictionary<string, object?> { ["text"] = "again" }, cancellationToken: Ct);
            Assert.Equal("echo: again", Assert.IsType<TextContentBlock>(Assert.Single(echo.Content)).Text);
        }

        Assert.Equal(1, upstream.AnsweringSessionsOpened);
        Assert.Equal(1, upstream.DiscoverRequests);

        // An operator's change may mean another server: the next connection asks again, and learns again.
        await (await rest.PutJsonAsync($"gateways/{id}", """{"description":"changed"}""")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, upstream.DiscoverRequests);
        Assert.Equal("2025-11-25", (await GatewayAsync(id))["upstreamRevision"]!.GetValue<string>());
        await DeleteGatewayAsync(id);
    }

    [Theory]
    [InlineData("2025-06-18")]
    [InlineData("2025-11-25")]
    [InlineData("2026-07-28")]
    public async Task A_federated_call_goes_to_the_upstream_as_it_came_unless_the_peer_asks_the_gateway_to_check_arguments(string revision)
    {
        // The upstream declares a required argument but judges calls itself, and takes one without it.
        var lenient = McpServerTool.Create(() => "called anyway", new McpServerToolCreateOptions { Name = "lenient" });
        lenient.ProtocolTool.InputSchema = JsonSerializer.SerializeToElement(new
        {
            type = "object",
            properties = new { count = new { type = "integer" } },
            required = new[] { "count" },
        });
        await using var upstream = await TestMcpServer.StartAsync(lenient);
        var name = "judged" + revision.Replace("-", string.Empty, StringComparison.Ordinal);
        var id = await RegisterAsync(new { name, url = upstream.Endpoint.ToString() });
        await using var client = await gateway.ConnectAsync(revision);

        var passed = await client.CallToolAsync($"{name}-lenient", cancellationToken: Ct);
        Assert.NotEqual(true, passed.IsError);
        Assert.Equal("called anyway", Assert.IsType<TextContentBlock>(Assert.Single(passed.Content)).Text);

        var switched = await (await rest.PutJsonAsync($"gateways/{id}", """{"validate_arguments":true}""")).ExpectAsync(HttpStatusCode.OK);
        Assert.True(switched["validateArguments"]!.GetValue<bool>());
        if (revision == "2025-06-18")
        {
            var refused = await Assert.ThrowsAsync<ModelContextProtocol.McpProtocolException>(
                async () => await client.CallToolAsync($"{name}-lenient", cancellationToken: Ct));
            Assert.Contains("count", refused.Message, StringComparison.Ordinal);
        }
        else
        {
            var refused = await client.CallToolAsync($"{name}-lenient", cancellationToken: Ct);
            Assert.True(refused.IsError);
            Assert.Contains("count", Assert.IsType<TextContentBlock>(Assert.Single(refused.Content)).Text, StringComparison.Ordinal);
        }

        await DeleteGatewayAsync(id);
    }

    [Fact]
    public async Task One_upstream_registered_twice_needs_its_resource_uris_prefixed_and_is_then_read_and_heard_under_them()
    {
        await using var upstream = await TestMcpServer.StartAsync();
        var first = await RegisterAsync(new { name = "twice-a", url = upstream.BaseAddress.ToString() });

        var clash = await (await rest.PostJsonAsync("gateways", ApiClientExtensions.Json(new { name = "twice-b", url = upstream.Endpoint.ToString() })))
            .ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("prefix_resources", clash["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(clash["field"]);

        var digits = await (await rest.PostJsonAsync("gateways", ApiClientExtensions.Json(new { name = "2nd", url = upstream.Endpoint.ToString(), prefix_resources = true })))
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("prefix_resources", digits["field"]!.GetValue<string>());

        var second = await RegisterAsync(new { name = "twice-b", url = upstream.Endpoint.ToString(), prefix_resources = true });
        var prefixed = "twice-b+" + upstream.DocumentUri;
        var listed = (await ListAsync("resources")).AsArray().Where(r => r!["gatewayId"]?.GetValue<string>() == second).Select(r => r!["uri"]!.GetValue<string>()).ToList();
        Assert.Contains(prefixed, listed);
        Assert.All(listed, uri => Assert.StartsWith("twice-b+", uri, StringComparison.Ordinal));

        var updated = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var client = await gateway.ConnectAsync("2025-11-25", handlers: new McpClientHandlers
        {
            NotificationHandlers =
            [
                new(NotificationMethods.ResourceUpdatedNotification, (notification, _) =>
                {
                    updated.TrySetResult(notification.Params!["uri"]!.GetValue<string>());
                    return ValueTask.CompletedTask;
                }),
            ],
        });
        var read = await client.ReadResourceAsync(prefixed, cancellationToken: Ct);
        var contents = Assert.IsType<TextResourceContents>(Assert.Single(read.Contents));
        Assert.Equal(prefixed, contents.Uri);
        Assert.Equal("upstream document", contents.Text);
        var plain = Assert.IsType<TextResourceContents>(Assert.Single((await client.ReadResourceAsync(upstream.DocumentUri, cancellationToken: Ct)).Contents));
        Assert.Equal(upstream.DocumentUri, plain.Uri);

        using (var restRead = await rest.GetAsync($"resources/{Uri.EscapeDataString(prefixed)}", Ct))
        {
            Assert.Contains("upstream document", await restRead.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        await client.SubscribeToResourceAsync(prefixed, cancellationToken: Ct);
        Assert.Equal(prefixed, await updated.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct));
        await DeleteGatewayAsync(second);
        await DeleteGatewayAsync(first);
    }

    private async Task<string> RegisterAsync(object body) =>
        (await (await rest.PostJsonAsync("gateways", ApiClientExtensions.Json(body))).ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();

    private async Task DeleteGatewayAsync(string id) => await (await rest.DeleteAsync($"gateways/{id}", Ct)).ExpectAsync(HttpStatusCode.OK);

    private async Task<JsonNode> GatewayAsync(string id) => await (await rest.GetAsync($"gateways/{id}", Ct)).ExpectAsync(HttpStatusCode.OK);

    private async Task<JsonNode> ServerAsync(string id) => await (await rest.GetAsync($"servers/{id}", Ct)).ExpectAsync(HttpStatusCode.OK);

    private async Task<JsonNode> ListAsync(string path) => await (await rest.GetAsync(path, Ct)).ExpectAsync(HttpStatusCode.OK);
}
