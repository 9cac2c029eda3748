using System.Net;
using System.Text.Json.Nodes;

namespace McpGateway.Host.Tests;

/// <summary>The SSE event streams of the running host: framing, filters, resuming with Last-Event-ID, keep-alive.</summary>
public sealed class EventStreamTests(EventStreamFixture gateway) : IClassFixture<EventStreamFixture>
{
    private readonly HttpClient client = gateway.Host.CreateClient();
    private readonly HttpClient streams = CreateStreamClient(gateway.Host);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Events_begin_with_retry_and_carry_each_catalog_change_with_its_id_type_and_envelope()
    {
        using var stream = await EventStream.OpenAsync(streams, "events?entity=tool", lastEventId: null, Ct);
        Assert.Equal(EventStreamFixture.RetryMilliseconds, stream.Retry);

        var name = Unique("tool");
        var id = (await (await client.PostJsonAsync("tools", $$"""{"name":"{{name}}","url":"http://127.0.0.1:1/x"}""")).ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
        await (await client.PostAsync($"tools/{id}/toggle?activate=false", null, Ct)).ExpectAsync(HttpStatusCode.OK);
        await (await client.PutJsonAsync($"tools/{id}", """{"description":"changed"}""")).ExpectAsync(HttpStatusCode.OK);
        await (await client.DeleteAsync($"tools/{id}", Ct)).ExpectAsync(HttpStatusCode.OK);

        var received = new List<(ServerSentEvent Event, JsonNode Envelope)>();
        for (var i = 0; i < 4; i++)
        {
            received.Add(await stream.NextAsync(Ct));
        }

        Assert.Equal(["added", "toggled", "updated", "removed"], received.Select(r => r.Event.Event));
        Assert.All(received, r =>
        {
            Assert.Equal(r.Event.Id, r.Envelope["eventId"]!.GetValue<string>());
            Assert.Equal(r.Event.Event, r.Envelope["type"]!.GetValue<string>());
            Assert.Equal("tool", r.Envelope["entity"]!.GetValue<string>());
            Assert.Equal(id, r.Envelope["id"]!.GetValue<string>());
            Assert.Equal(name, r.Envelope["data"]!["name"]!.GetValue<string>());
            Assert.True(DateTimeOffset.TryParse(r.Envelope["time"]!.GetValue<string>(), out _));
        });
        Assert.False(received[1].Envelope["data"]!["enabled"]!.GetValue<bool>());
        Assert.Equal(received.Select(r => r.Event.Id).Order(StringComparer.Ordinal), received.Select(r => r.Event.Id));
    }

    [Fact]
    public async Task Types_and_entity_filter_the_stream()
    {
        using var stream = await EventStream.OpenAsync(streams, "events?types=removed&entity=prompt", lastEventId: null, Ct);

        var tool = (await (await client.PostJsonAsync("tools", $$"""{"name":"{{Unique("tool")}}","url":"http://127.0.0.1:1/x"}""")).ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
        await (await client.DeleteAsync($"tools/{tool}", Ct)).ExpectAsync(HttpStatusCode.OK);
        var prompt = (await (await client.PostJsonAsync("prompts", $$"""{"name":"{{Unique("prompt")}}","template":"Hi"}""")).ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
        await (await client.DeleteAsync($"prompts/{prompt}", Ct)).ExpectAsync(HttpStatusCode.OK);

        var (next, envelope) = await stream.NextAsync(Ct);
        Assert.Equal("removed", next.Event);
        Assert.Equal("prompt", envelope["entity"]!.GetValue<string>());
        Assert.Equal(prompt, envelope["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_client_reconnecting_with_Last_Event_ID_gets_every_missed_event_once_then_live_ones()
    {
        string lastSeen;
        using (var first = await EventStream.OpenAsync(streams, "events?entity=root", lastEventId: null, Ct))
        {
            await (await client.PostJsonAsync("roots", $$"""{"uri":"/{{Unique("seen")}}"}""")).ExpectAsync(HttpStatusCode.Created);
            lastSeen = (await first.NextAsync(Ct)).Event.Id!;
        }

        var missed = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var uri = "/" + Unique("missed");
            missed.Add(uri);
            await (await client.PostJsonAsync("roots", $$"""{"uri":"{{uri}}"}""")).ExpectAsync(HttpStatusCode.Created);
        }

        using var resumed = await EventStream.OpenAsync(streams, "events?entity=root", lastSeen, Ct);
        var replayed = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            replayed.Add((await resumed.NextAsync(Ct)).Envelope["data"]!["uri"]!.GetValue<string>());
        }

        Assert.Equal(missed, replayed);
        var live = "/" + Unique("live");
        await (await client.PostJsonAsync("roots", $$"""{"uri":"{{live}}"}""")).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(live, (await resumed.NextAsync(Ct)).Envelope["data"]!["uri"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_client_that_saw_no_event_yet_resumes_from_the_id_sent_with_retry()
    {
        string resumeFrom;
        using (var first = await EventStream.OpenAsync(streams, "roots/changes", lastEventId: null, Ct))
        {
            resumeFrom = first.ResumeFrom!;
        }

        var uri = "/" + Unique("gap");
        await (await client.PostJsonAsync("roots", $$"""{"uri":"{{uri}}"}""")).ExpectAsync(HttpStatusCode.Created);

        using var resumed = await EventStream.OpenAsync(streams, "roots/changes", resumeFrom, Ct);
        Assert.Null(resumed.ResumeFrom); // a resumed stream's place is the client's own
        Assert.Equal(uri, (await resumed.NextAsync(Ct)).Envelope["data"]!["uri"]!.GetValue<string>());
    }

    [Fact]
    public async Task Resource_subscription_streams_the_changes_of_that_resource_only()
    {
        var uri = $"config://{Unique("app")}/settings";
        await (await client.PostJsonAsync("resources", $$"""{"uri":"{{uri}}","name":"Settings","content":"a=1"}""")).ExpectAsync(HttpStatusCode.Created);
        await (await client.PostJsonAsync("resources", $$"""{"uri":"{{uri}}-other","name":"Other","content":"b=1"}""")).ExpectAsync(HttpStatusCode.Created);
        using var stream = await EventStream.OpenAsync(streams, $"resources/subscribe/{uri}", lastEventId: null, Ct);

        await (await client.PutJsonAsync($"resources/{uri}-other", """{"content":"b=2"}""")).ExpectAsync(HttpStatusCode.OK);
        await (await client.PutJsonAsync($"resources/{uri}", """{"content":"a=2"}""")).ExpectAsync(HttpStatusCode.OK);
        await (await client.DeleteAsync($"resources/{uri}", Ct)).ExpectAsync(HttpStatusCode.OK);

        var received = new List<JsonNode>();
        for (var i = 0; i < 3; i++)
        {
            received.Add((await stream.NextAsync(Ct)).Envelope);
        }

        Assert.Equal(["updated", "resource_updated", "removed"], received.Select(e => e["type"]!.GetValue<string>()));
        Assert.All(received, e => Assert.Equal(uri, e["data"]!["uri"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Roots_changes_streams_added_and_removed_roots()
    {
        using var stream = await EventStream.OpenAsync(streams, "roots/changes", lastEventId: null, Ct);
        var uri = "/" + Unique("root");

        await (await client.PostJsonAsync("roots", $$"""{"uri":"{{uri}}","name":"R"}""")).ExpectAsync(HttpStatusCode.Created);
        await (await client.DeleteAsync("roots/" + Uri.EscapeDataString(uri), Ct)).ExpectAsync(HttpStatusCode.OK);

        var added = await stream.NextAsync(Ct);
        var removed = await stream.NextAsync(Ct);
        Assert.Equal(("added", uri, "R"), (added.Event.Event, added.Envelope["data"]!["uri"]!.GetValue<string>(), added.Envelope["data"]!["name"]!.GetValue<string>()));
        Assert.Equal(("removed", uri), (removed.Event.Event, removed.Envelope["data"]!["uri"]!.GetValue<string>()));
    }

    [Fact]
    public async Task An_idle_stream_sends_keep_alive_comments()
    {
        using var stream = await EventStream.OpenAsync(streams, "events?types=gateway_health", lastEventId: null, Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));

        var next = await stream.ReadAsync(timeout.Token);

        Assert.Equal("keep-alive", next?.Comment);
    }

    [Theory]
    [InlineData("events?types=created", HttpStatusCode.UnprocessableEntity)]
    [InlineData("events?entity=widget", HttpStatusCode.UnprocessableEntity)]
    public async Task Unknown_filters_are_refused(string path, HttpStatusCode status) =>
        await (await client.GetAsync(path, Ct)).ExpectProblemAsync(status);

    [Fact]
    public async Task A_Last_Event_ID_that_is_not_ours_is_refused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "events");
        request.Headers.TryAddWithoutValidation("Last-Event-ID", "42");
        await (await client.SendAsync(request, Ct)).ExpectProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Streams_require_credentials()
    {
        using var anonymous = gateway.Host.CreateClient(authorization: null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("events", Ct)).StatusCode);
    }

    private static HttpClient CreateStreamClient(GatewayHostProcess host)
    {
        var streamClient = host.CreateClient();
        streamClient.Timeout = Timeout.InfiniteTimeSpan;
        return streamClient;
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
}
