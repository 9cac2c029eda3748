using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpGateway.Host.Tests;

/// <summary>Upstream MCP servers and peer gateways federated into the catalog and called through the gateway.</summary>
public sealed class FederationTests(FederationTests.FederatingGateway gateway) : IClassFixture<FederationTests.FederatingGateway>
{
    /// <summary>Quick health checks, so an upstream going away is noticed within seconds.</summary>
    public sealed class FederatingGateway(AzuriteFixture azurite) : McpCatalogFixture(azurite)
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["HEALTH_CHECK_INTERVAL"] = "5",
            ["HEALTH_CHECK_TIMEOUT"] = "2",
            ["UNHEALTHY_THRESHOLD"] = "2",
            ["FEDERATION_TIMEOUT"] = "5",
        };
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("2025-06-18")]
    [InlineData("2026-07-28")]
    public async Task A_registered_upstream_is_federated_with_prefixed_names_and_called_transparently(string revision)
    {
        await using var upstream = await TestMcpServer.StartAsync();
        var name = "up" + revision.Replace("-", string.Empty, StringComparison.Ordinal);
        var registered = await RegisterAsync(name, upstream.BaseAddress);
        Assert.Equal("STREAMABLEHTTP", registered["transport"]!.GetValue<string>());
        Assert.Equal(upstream.Endpoint.ToString(), registered["endpoint"]!.GetValue<string>());

        await using var client = await gateway.ConnectAsync(revision);
        var tools = (await client.ListToolsAsync(cancellationToken: Ct)).Select(t => t.Name).ToList();
        Assert.Contains($"{name}-echo", tools);
        Assert.Contains($"{name}-picture", tools);

        var echo = await client.CallToolAsync($"{name}-echo", new Dictionary<string, object?> { ["text"] = "hi" }, cancellationToken: Ct);
        Assert.Equal("echo: hi", Assert.IsType<TextContentBlock>(Assert.Single(echo.Content)).Text);

        var picture = await client.CallToolAsync($"{name}-picture", cancellationToken: Ct);
        var image = Assert.IsType<ImageContentBlock>(picture.Content[1]);
        Assert.Equal("image/png", image.MimeType);
        Assert.Equal(new byte[] { 137, 80, 78, 71 }, image.DecodedData.ToArray());

        var progress = new List<float>();
        var slow = await client.CallToolAsync(
            $"{name}-slow", new Dictionary<string, object?> { ["steps"] = 3 }, new SynchronousProgress(v => progress.Add(v.Progress)), cancellationToken: Ct);
        Assert.Equal("done after 3 steps", Assert.IsType<TextContentBlock>(Assert.Single(slow.Content)).Text);
        // The SDK client hands each notification to IProgress in a task of its own, so they may reach the list out of
        // order and the last may trail the result; the order on the wire is the conformance suite's to check.
        Assert.True(progress.Count >= 2, $"Expected at least two progress notifications, got {progress.Count}.");
        Assert.Subset(new HashSet<float> { 1f, 2f, 3f }, progress.ToHashSet());
        Assert.Equal(progress.Count, progress.Distinct().Count());

        var document = await client.ReadResourceAsync(upstream.DocumentUri, cancellationToken: Ct);
        Assert.Equal("upstream document", Assert.IsType<TextResourceContents>(Assert.Single(document.Contents)).Text);
        using (var rest = gateway.Host.CreateClient())
        {
            var content = await (await rest.GetAsync($"resources/{Uri.EscapeDataString(upstream.DocumentUri)}", Ct)).ExpectAsync(HttpStatusCode.OK);
            Assert.Equal("upstream document", content["text"]!.GetValue<string>());
        }

        var prompt = await client.GetPromptAsync($"{name}-summarize", new Dictionary<string, object?> { ["topic"] = "MCP" }, cancellationToken: Ct);
        Assert.Equal("Summarize MCP.", Assert.IsType<TextContentBlock>(Assert.Single(prompt.Messages).Content).Text);

        await DeleteAsync(registered);
    }

    [Fact]
    public async Task Prefixing_can_be_turned_off_and_a_name_clash_is_409_keeping_nothing()
    {
        await using var first = await TestMcpServer.StartAsync();
        await using var second = await TestMcpServer.StartAsync();
        var kept = await RegisterAsync("plain", first.Endpoint, prefix: false);
        using var rest = gateway.Host.CreateClient();
        var tools = (await (await rest.GetAsync("tools", Ct)).ExpectAsync(HttpStatusCode.OK)).AsArray();
        var echo = tools.Single(t => t!["name"]!.GetValue<string>() == "echo")!;
        Assert.Equal("MCP", echo["integrationType"]!.GetValue<string>());
        Assert.Equal(kept["id"]!.GetValue<string>(), echo["gatewayId"]!.GetValue<string>());
        var resources = (await (await rest.GetAsync("resources", Ct)).ExpectAsync(HttpStatusCode.OK)).AsArray();
        var document = resources.Single(r => r!["uri"]!.GetValue<string>() == first.DocumentUri)!;
        Assert.Equal(kept["id"]!.GetValue<string>(), document["gatewayId"]!.GetValue<string>());
        var prompts = (await (await rest.GetAsync("prompts", Ct)).ExpectAsync(HttpStatusCode.OK)).AsArray();
        var summarize = prompts.Single(p => p!["name"]!.GetValue<string>() == "summarize")!;
        Assert.Equal(kept["id"]!.GetValue<string>(), summarize["gatewayId"]!.GetValue<string>());

        var clash = await rest.PostJsonAsync("gateways", ApiClientExtensions.Json(new { name = "clashing", url = second.Endpoint.ToString(), prefix_names = false }));
        await clash.ExpectProblemAsync(HttpStatusCode.Conflict);
        var gateways = (await (await rest.GetAsync("gateways", Ct)).ExpectAsync(HttpStatusCode.OK)).AsArray();
        Assert.DoesNotContain(gateways, g => g!["name"]!.GetValue<string>() == "clashing");

        await DeleteAsync(kept);
        var after = (await (await rest.GetAsync("tools", Ct)).ExpectAsync(HttpStatusCode.OK)).AsArray();
        Assert.DoesNotContain(after, t => t!["name"]!.GetValue<string>() == "echo");
    }

    [Theory]
    [InlineData("2025-06-18")]
    [InlineData("2026-07-28")]
    public async Task Only_allowed_client_headers_pass_through_to_the_upstream(string revision)
    {
        await using var upstream = await TestMcpServer.StartAsync();
        using var rest = gateway.Host.CreateClient();
        var name = "hdr" + revision.Replace("-", string.Empty, StringComparison.Ordinal);
        var registered = await (await rest.PostJsonAsync("gateways", ApiClientExtensions.Json(new { name, url = upstream.Endpoint.ToString(), passthrough_headers = new[] { "X-Tenant" } })))
            .ExpectAsync(HttpStatusCode.Created);
        await using var client = await gateway.ConnectAsync(revision, headers: new Dictionary<string, string> { ["X-Tenant"] = "acme", ["X-Other"] = "secret" });

        async Task<string> HeaderAsync(string header) =>
            Assert.IsType<TextContentBlock>(Assert.Single((await client.CallToolAsync($"{name}-header", new Dictionary<string, object?> { ["name"] = header }, cancellationToken: Ct)).Content)).Text;

        Assert.Equal("acme", await HeaderAsync("X-Tenant"));
        Assert.Equal(string.Empty, await HeaderAsync("X-Other"));
        await DeleteAsync(registered);
    }

    [Fact]
    public async Task Federation_peers_from_the_settings_are_registered_and_synced_at_start()
    {
        await using var upstream = await TestMcpServer.StartAsync();
        await using var host = await GatewayHostProcess.StartAsync(
            gateway.Storage.ConnectionString, new Dictionary<string, string?> { ["FEDERATION_PEERS"] = $"[\"{upstream.Endpoint}\"]" });
        using var rest = host.CreateClient();
        var slug = $"peer-127-0-0-1-{upstream.Endpoint.Port}";

        for (var i = 0; i < 60; i++)
        {
            var tools = (await (await rest.GetAsync("tools", Ct)).ExpectAsync(HttpStatusCode.OK)).AsArray();
            if (tools.Any(t => t!["name"]!.GetValue<string>() == $"{slug}-echo"))
            {
                return;
            }

            await Task.Delay(1000, Ct);
        }

        Assert.Fail("The configured peer's tools did not appear within 60 seconds:\n" + host.Output[Math.Max(0, host.Output.Length - 3000)..]);
    }

    [Fact]
    public async Task A_call_that_outlasts_the_federation_timeout_is_a_tool_error()
    {
        await using var upstream = await TestMcpServer.StartAsync();
        var registered = await RegisterAsync("patient", upstream.Endpoint);
        await using var client = await gateway.ConnectAsync("2025-11-25");

        var started = DateTime.UtcNow;
        var result = await client.CallToolAsync("patient-slow", new Dictionary<string, object?> { ["steps"] = 60 }, cancellationToken: Ct);

        Assert.True(result.IsError);
        Assert.Contains("timeout", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text, StringComparison.OrdinalIgnoreCase);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10), "FEDERATION_TIMEOUT is 5 s in this fixture.");
        await DeleteAsync(registered);
    }

    /// <summary>
    /// Every pairing of how the upstream asks (a request of its own, or an input-required result) with how the caller
    /// answers (a session revision's request, or 2026-07-28's input-required rounds), at the newest revision to the
    /// upstream and with the peer pinned to 2025-11-25.
    /// </summary>
    [Theory]
    [InlineData("2025-06-18", "greet_me", null)]
    [InlineData("2025-11-25", "greet_me", null)]
    [InlineData("2025-11-25", "greet_me_in_rounds", null)]
    [InlineData("2026-07-28", "greet_me_in_rounds", null)]
    [InlineData("2026-07-28", "greet_me", "2025-11-25")]
    [InlineData("2026-07-28", "greet_me_in_rounds", "2025-11-25")]
    [InlineData("2025-11-25", "greet_me_in_rounds", "2025-11-25")]
    public async Task An_upstreams_question_reaches_the_caller_and_its_answer_returns(string revision, string tool, string? upstreamRevision)
    {
        await using var upstream = await TestMcpServer.StartAsync();
        var name = $"ask{revision}{tool}{upstreamRevision}".Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal);
        var registered = await RegisterAsync(name, upstream.Endpoint, protocolVersion: upstreamRevision);
        Assert.Equal(upstreamRevision, registered["protocolVersion"]?.GetValue<string>());
        var asked = new List<string>();
        await using var client = await gateway.ConnectAsync(revision, handlers: new McpClientHandlers
        {
            ElicitationHandler = (request, _) =>
            {
                asked.Add(request!.Message);
                return ValueTask.FromResult(new ElicitResult { Action = "accept", Content = new Dictionary<string, System.Text.Json.JsonElement> { ["name"] = System.Text.Json.JsonSerializer.SerializeToElement("Ada") } });
            },
        });

        var result = await client.CallToolAsync($"{name}-{tool}", cancellationToken: Ct);

        Assert.Equal(["Your name?"], asked);
        Assert.StartsWith("hello Ada", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text, StringComparison.Ordinal);
        await DeleteAsync(registered);
    }

    [Fact]
    public async Task A_round_whose_request_state_the_gateway_did_not_issue_is_refused()
    {
        await using var upstream = await TestMcpServer.StartAsync();
        var registered = await RegisterAsync("tampered", upstream.Endpoint, protocolVersion: "2025-11-25");
        await using var client = await gateway.ConnectAsync("2026-07-28");

        var refused = await Assert.ThrowsAsync<McpProtocolException>(() => client.SendRequestAsync(
            new JsonRpcRequest
            {
                Method = RequestMethods.ToolsCall,
                Params = new JsonObject { ["name"] = "tampered-greet_me", ["requestState"] = "mcpgateway-parked-forged", ["inputResponses"] = new JsonObject() },
            },
            Ct));

        Assert.Equal(McpErrorCode.InvalidParams, refused.ErrorCode);
        Assert.Contains("requestState", refused.Message, StringComparison.Ordinal);
        await DeleteAsync(registered);
    }

    /// <summary>
    /// A caller that answers elicitation needs an upstream session of its own (the upstream may ask it mid-call): it
    /// gets one for its whole session, not a new initialize handshake per call, and another caller gets another.
    /// </summary>
    [Fact]
    public async Task A_session_caller_that_answers_questions_keeps_one_upstream_session_for_all_its_calls()
    {
        await using var upstream = await TestMcpServer.StartAsync();
        var registered = await RegisterAsync("boundsession", upstream.Endpoint);
        var answering = new McpClientHandlers
        {
            ElicitationHandler = (_, _) => ValueTask.FromResult(new ElicitResult { Action = "decline" }),
        };
        await using var first = await gateway.ConnectAsync("2025-11-25", handlers: answering);
        await using var second = await gateway.ConnectAsync("2025-11-25", handlers: answering);
        var before = upstream.AnsweringSessionsOpened;

        for (var i = 0; i < 3; i++)
        {
            var echoed = await first.CallToolAsync("boundsession-echo", new Dictionary<string, object?> { ["text"] = $"call {i}" }, cancellationToken: Ct);
            Assert.Equal($"echo: call {i}", Assert.IsType<TextContentBlock>(Assert.Single(echoed.Content)).Text);
        }

        Assert.Equal(before + 1, upstream.AnsweringSessionsOpened);

        await second.CallToolAsync("boundsession-echo", new Dictionary<string, object?> { ["text"] = "other caller" }, cancellationToken: Ct);
        await second.CallToolAsync("boundsession-echo", new Dictionary<string, object?> { ["text"] = "other caller again" }, cancellationToken: Ct);
        Assert.Equal(before + 2, upstream.AnsweringSessionsOpened);
        await DeleteAsync(registered);
    }

    [Theory]
    [InlineData("2025-11-25", null)]
    [InlineData("2025-11-25", "2025-11-25")]
    [InlineData("2025-06-18", null)]
    public async Task An_upstreams_log_messages_reach_a_caller_at_the_level_it_set_and_no_other(string revision, string? upstreamRevision)
    {
        await using var upstream = await TestMcpServer.StartAsync();
        var name = $"logs{revision}{upstreamRevision}".Replace("-", string.Empty, StringComparison.Ordinal);
        var registered = await RegisterAsync(name, upstream.Endpoint, protocolVersion: upstreamRevision);
        var heard = new List<string>();
        var listening = await gateway.ConnectAsync(revision, handlers: new McpClientHandlers
        {
            NotificationHandlers =
            [
                new(NotificationMethods.LoggingMessageNotification, (notification, _) =>
                {
                    lock (heard)
                    {
                        heard.Add(notification.Params!["data"]!.GetValue<string>());
                    }

                    return ValueTask.CompletedTask;
                }),
            ],
        });
        await using (listening)
        {
            await listening.SetLoggingLevelAsync(LoggingLevel.Info, cancellationToken: Ct);
            Assert.Equal("said three things", Assert.IsType<TextContentBlock>(Assert.Single((await listening.CallToolAsync($"{name}-chatty", cancellationToken: Ct)).Content)).Text);

            // Relayed before the result; the client may hand them to its handler a moment later.
            await WaitForAsync(() => Task.FromResult(heard.Count >= 2));
            Assert.Equal(["found it", "it was odd"], heard.Order(StringComparer.Ordinal));
        }

        await using var silent = await gateway.ConnectAsync(revision, handlers: new McpClientHandlers
        {
            NotificationHandlers = [new(NotificationMethods.LoggingMessageNotification, (_, _) => throw new InvalidOperationException("No level was set."))],
        });
        Assert.Equal("said three things", Assert.IsType<TextContentBlock>(Assert.Single((await silent.CallToolAsync($"{name}-chatty", cancellationToken: Ct)).Content)).Text);
        await DeleteAsync(registered);
    }

    [Theory]
    [InlineData("2025-11-25", null)]
    [InlineData("2025-06-18", "2025-06-18")]
    public async Task A_session_subscribed_to_a_federated_resource_hears_its_upstream_updates(string revision, string? upstreamRevision)
    {
        await using var upstream = await TestMcpServer.StartAsync();
        var name = $"subscribed{revision}{upstreamRevision}".Replace("-", string.Empty, StringComparison.Ordinal);
        var registered = await RegisterAsync(name, upstream.Endpoint, protocolVersion: upstreamRevision);
        var updated = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var client = await gateway.ConnectAsync(revision, handlers: new McpClientHandlers
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

        await client.SubscribeToResourceAsync(upstream.DocumentUri, cancellationToken: Ct);

        Assert.Equal(upstream.DocumentUri, await updated.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct));
        await DeleteAsync(registered);
    }

    [Fact]
    public async Task A_protocol_version_the_gateway_does_not_speak_is_422()
    {
        using var rest = gateway.Host.CreateClient();
        var problem = await (await rest.PostJsonAsync("gateways", ApiClientExtensions.Json(new { name = "pinned", url = "http://127.0.0.1:9/mcp", protocol_version = "2099-01-01" })))
            .ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("protocol_version", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upstream_that_cannot_be_reached_is_502_and_not_registered()
    {
        using var rest = gateway.Host.CreateClient();
        var port = FreePorts.Take(1)[0];
        var problem = await (await rest.PostJsonAsync("gateways", $$"""{"name":"nowhere","url":"http://127.0.0.1:{{port}}/mcp"}""")).ExpectProblemAsync(HttpStatusCode.BadGateway);
        Assert.Contains("could not be reached", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var gateways = (await (await rest.GetAsync("gateways", Ct)).ExpectAsync(HttpStatusCode.OK)).AsArray();
        Assert.DoesNotContain(gateways, g => g!["name"]!.GetValue<string>() == "nowhere");
    }

    [Fact]
    public async Task An_upstream_killed_mid_call_fails_the_call_is_marked_unreachable_and_comes_back()
    {
        await using var upstream = await TestMcpServer.StartAsync();
        var registered = await RegisterAsync("fragile", upstream.Endpoint);
        var id = registered["id"]!.GetValue<string>();
        await using var client = await gateway.ConnectAsync("2026-07-28");

        var call = client.CallToolAsync("fragile-slow", new Dictionary<string, object?> { ["steps"] = 50 }, cancellationToken: Ct).AsTask();
        await Task.Delay(600, Ct);
        await upstream.StopAsync();
        var failed = await call.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.True(failed.IsError);

        await WaitForAsync(async () => !(await GatewayAsync(id))["reachable"]!.GetValue<bool>());
        Assert.DoesNotContain(await client.ListToolsAsync(cancellationToken: Ct), t => t.Name.StartsWith("fragile-", StringComparison.Ordinal));
        var refused = await client.CallToolAsync("fragile-echo", new Dictionary<string, object?> { ["text"] = "x" }, cancellationToken: Ct);
        Assert.True(refused.IsError);
        Assert.Contains("unreachable", Assert.IsType<TextContentBlock>(Assert.Single(refused.Content)).Text, StringComparison.Ordinal);

        await upstream.StartAgainAsync();
        await WaitForAsync(async () => (await GatewayAsync(id))["reachable"]!.GetValue<bool>());
        var echo = await client.CallToolAsync("fragile-echo", new Dictionary<string, object?> { ["text"] = "back" }, cancellationToken: Ct);
        Assert.Equal("echo: back", Assert.IsType<TextContentBlock>(Assert.Single(echo.Content)).Text);
        await DeleteAsync(registered);
    }

    [Fact]
    public async Task A_gateway_can_federate_another_gateway()
    {
        await using var backend = await UpstreamServer.StartAsync();
        backend.Answer(new UpstreamAnswer(Body: """{"answer":42}"""));
        using var rest = gateway.Host.CreateClient();
        var tool = new JsonObject { ["name"] = "deep_thought", ["url"] = backend.Url("/answer"), ["input_schema"] = new JsonObject { ["type"] = "object" } };
        await (await rest.PostJsonAsync("tools", tool.ToJsonString())).ExpectAsync(HttpStatusCode.Created);

        await using var front = await GatewayHostProcess.StartAsync(gateway.Storage.ConnectionString);
        using var toFront = front.CreateClient();
        var peer = new JsonObject
        {
            ["name"] = "inner",
            ["url"] = new Uri(gateway.Host.BaseAddress, "mcp").ToString(),
            ["auth"] = new JsonObject { ["auth_type"] = "basic", ["username"] = GatewayHostProcess.User, ["password"] = GatewayHostProcess.Password },
        };
        await (await toFront.PostJsonAsync("gateways", peer.ToJsonString())).ExpectAsync(HttpStatusCode.Created);

        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(front.BaseAddress, "mcp"),
            AdditionalHeaders = new Dictionary<string, string>
            {
                ["Authorization"] = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{GatewayHostProcess.User}:{GatewayHostProcess.Password}"))).ToString(),
            },
        });
        await using var client = await McpClient.CreateAsync(transport, cancellationToken: Ct);
        var result = await client.CallToolAsync("inner-deep_thought", cancellationToken: Ct);
        Assert.Contains("42", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text, StringComparison.Ordinal);
        Assert.Single(backend.Requests);
    }

    private async Task<JsonNode> RegisterAsync(string name, Uri url, bool prefix = true, string? protocolVersion = null)
    {
        using var rest = gateway.Host.CreateClient();
        var body = ApiClientExtensions.Json(new { name, url = url.ToString(), prefix_names = prefix, protocol_version = protocolVersion });
        return await (await rest.PostJsonAsync("gateways", body)).ExpectAsync(HttpStatusCode.Created);
    }

    private async Task DeleteAsync(JsonNode registered)
    {
        using var rest = gateway.Host.CreateClient();
        await (await rest.DeleteAsync($"gateways/{registered["id"]}", Ct)).ExpectAsync(HttpStatusCode.OK);
    }

    private async Task<JsonNode> GatewayAsync(string id)
    {
        using var rest = gateway.Host.CreateClient();
        return await (await rest.GetAsync($"gateways/{id}", Ct)).ExpectAsync(HttpStatusCode.OK);
    }

    private Task WaitForAsync(Func<Task<bool>> condition) => gateway.Host.WaitUntilAsync(condition, Ct);

    /// <summary>Records progress as it is reported, in order (Progress&lt;T&gt; would post it asynchronously).</summary>
    private sealed class SynchronousProgress(Action<ProgressNotificationValue> report) : IProgress<ProgressNotificationValue>
    {
        public void Report(ProgressNotificationValue value) => report(value);
    }
}
