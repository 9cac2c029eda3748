using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;

namespace McpGateway.Host.Tests;

/// <summary>
/// Sessions of the 2025-11-25 revision hear about catalog changes on their GET stream: list_changed notifications,
/// resources/updated for their subscriptions, with event ids a reconnecting client resumes from (SEP-1699).
/// </summary>
public sealed class McpSessionNotificationTests(McpCatalogFixture catalog) : IClassFixture<McpCatalogFixture>
{
    private const string Revision = "2025-11-25";
    private readonly HttpClient client = catalog.Host.CreateClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_SDK_client_hears_tools_list_changed_after_a_tool_is_added()
    {
        var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var session = await catalog.ConnectAsync(Revision);
        await using var registration = session.RegisterNotificationHandler(NotificationMethods.ToolListChangedNotification, (_, _) =>
        {
            heard.TrySetResult();
            return ValueTask.CompletedTask;
        });

        // The SDK opens its GET stream in the background once initialized: change the catalog until the stream hears it.
        await RepeatUntilAsync(heard.Task, () => client.PostJsonAsync("tools", $$"""{"name":"{{Unique("listed")}}","url":"http://127.0.0.1:1/x"}"""));

        Assert.True(heard.Task.IsCompletedSuccessfully);
        Assert.Contains((await session.ListToolsAsync(cancellationToken: Ct)), t => t.Name.StartsWith("listed-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_SDK_client_hears_resources_updated_for_the_resource_it_subscribed_to_only()
    {
        var uri = $"config://{Unique("watched")}";
        var other = uri + "-other";
        await (await client.PostJsonAsync("resources", $$"""{"uri":"{{uri}}","name":"Watched","content":"v0"}""")).ExpectAsync(HttpStatusCode.Created);
        await (await client.PostJsonAsync("resources", $$"""{"uri":"{{other}}","name":"Other","content":"v0"}""")).ExpectAsync(HttpStatusCode.Created);
        var updated = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var session = await catalog.ConnectAsync(Revision);
        await using var registration = session.RegisterNotificationHandler(NotificationMethods.ResourceUpdatedNotification, (notification, _) =>
        {
            updated.TrySetResult(notification.Params?["uri"]?.GetValue<string>() ?? string.Empty);
            return ValueTask.CompletedTask;
        });
        await session.SubscribeToResourceAsync(uri, cancellationToken: Ct);

        var version = 0;
        await RepeatUntilAsync(updated.Task, async () =>
        {
            version++;
            await (await client.PutJsonAsync($"resources/{other}", $$"""{"content":"v{{version}}"}""")).ExpectAsync(HttpStatusCode.OK);
            return await client.PutJsonAsync($"resources/{uri}", $$"""{"content":"v{{version}}"}""");
        });

        Assert.Equal(uri, await updated.Task);
    }

    [Fact]
    public async Task A_GET_stream_resumed_with_Last_Event_ID_delivers_the_notifications_it_missed()
    {
        var sessionId = await InitializeAsync();
        var headers = new Dictionary<string, string> { ["Mcp-Session-Id"] = sessionId, ["MCP-Protocol-Version"] = Revision };
        using var streams = catalog.Host.CreateClient();
        streams.Timeout = Timeout.InfiniteTimeSpan;

        string lastSeen;
        using (var stream = await EventStream.OpenAsync(streams, "mcp", lastEventId: null, Ct, headers))
        {
            await (await client.PostJsonAsync("prompts", $$"""{"name":"{{Unique("prompt")}}","template":"Hi"}""")).ExpectAsync(HttpStatusCode.Created);
            var (heard, message) = await stream.NextAsync(Ct);
            Assert.Equal(("2.0", NotificationMethods.PromptListChangedNotification), (message["jsonrpc"]!.GetValue<string>(), message["method"]!.GetValue<string>()));
            Assert.Null(heard.Event);
            lastSeen = heard.Id!;
        }

        await (await client.PostJsonAsync("tools", $$"""{"name":"{{Unique("missed")}}","url":"http://127.0.0.1:1/x"}""")).ExpectAsync(HttpStatusCode.Created);
        await (await client.PostJsonAsync("resources", $$"""{"uri":"config://{{Unique("missed")}}","name":"Missed","content":"x"}""")).ExpectAsync(HttpStatusCode.Created);

        using var resumed = await EventStream.OpenAsync(streams, "mcp", lastSeen, Ct, headers);
        var first = await resumed.NextAsync(Ct);
        var second = await resumed.NextAsync(Ct);
        Assert.Equal(NotificationMethods.ToolListChangedNotification, first.Envelope["method"]!.GetValue<string>());
        Assert.Equal(NotificationMethods.ResourceListChangedNotification, second.Envelope["method"]!.GetValue<string>());
        Assert.True(string.CompareOrdinal(lastSeen, first.Event.Id) < 0 && string.CompareOrdinal(first.Event.Id, second.Event.Id) < 0);
    }

    private async Task<string> InitializeAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "mcp")
        {
            Content = new StringContent(
                """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""",
                Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Accept", "application/json, text/event-stream");
        using var response = await client.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, text);
        Assert.NotNull(JsonNode.Parse(text.Split('\n').Single(l => l.StartsWith("data:", StringComparison.Ordinal))[5..])!["result"]);
        return response.Headers.GetValues("Mcp-Session-Id").Single();
    }

    /// <summary>Makes the change every half second until <paramref name="heard"/> completes (30 s at most).</summary>
    private static async Task RepeatUntilAsync(Task heard, Func<Task<HttpResponseMessage>> change)
    {
        for (var attempt = 0; attempt < 60 && !heard.IsCompleted; attempt++)
        {
            using var response = await change();
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
            await Task.WhenAny(heard, Task.Delay(TimeSpan.FromMilliseconds(500), Ct));
        }

        await heard.WaitAsync(TimeSpan.FromSeconds(1), Ct);
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
}
