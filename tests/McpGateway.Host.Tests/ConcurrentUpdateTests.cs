using System.Net;

namespace McpGateway.Host.Tests;

/// <summary>Concurrent PUTs of one item never silently lose one another (ETag concurrency in storage).</summary>
public sealed class ConcurrentUpdateTests(GatewayHostFixture gateway) : IClassFixture<GatewayHostFixture>
{
    [Fact]
    public async Task Concurrent_updates_of_different_fields_all_survive()
    {
        using var client = gateway.Host.CreateClient();
        var created = await (await client.PostJsonAsync("tools", """{"name":"contended","url":"http://127.0.0.1:1/x"}""")).ExpectAsync(HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();

        string[] updates =
        [
            """{"description":"set by update 1"}""",
            """{"url":"http://127.0.0.1:2/changed"}""",
            """{"request_type":"PUT"}""",
            """{"jsonpath_filter":"$.items"}""",
            """{"tags":["concurrency"]}""",
            """{"annotations":{"readOnlyHint":true}}""",
            """{"output_schema":{"type":"object"}}""",
            """{"headers":{"X-Test":"yes"}}""",
        ];
        var responses = await Task.WhenAll(updates.Select(body => client.PutJsonAsync($"tools/{id}", body)));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        var tool = await (await client.GetAsync($"tools/{id}", TestContext.Current.CancellationToken)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("set by update 1", tool["description"]!.GetValue<string>());
        Assert.Equal("http://127.0.0.1:2/changed", tool["url"]!.GetValue<string>());
        Assert.Equal("PUT", tool["requestType"]!.GetValue<string>());
        Assert.Equal("$.items", tool["jsonpathFilter"]!.GetValue<string>());
        Assert.Equal("concurrency", tool["tags"]![0]!.GetValue<string>());
        Assert.True(tool["annotations"]!["readOnlyHint"]!.GetValue<bool>());
        Assert.Equal("object", tool["outputSchema"]!["type"]!.GetValue<string>());
        Assert.Equal("yes", tool["headers"]!["X-Test"]!.GetValue<string>());
        Assert.Equal(1 + updates.Length, tool["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Stale_if_match_is_412_and_changes_nothing()
    {
        using var client = gateway.Host.CreateClient();
        var response = await client.PostJsonAsync("tools", """{"name":"etagged","url":"http://127.0.0.1:1/x"}""");
        var created = await response.ExpectAsync(HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();
        var staleTag = response.Headers.ETag!.ToString();
        await (await client.PutJsonAsync($"tools/{id}", """{"description":"first"}""")).ExpectAsync(HttpStatusCode.OK);

        using var stale = new HttpRequestMessage(HttpMethod.Put, $"tools/{id}") { Content = new StringContent("""{"description":"second"}""", System.Text.Encoding.UTF8, "application/json") };
        stale.Headers.TryAddWithoutValidation("If-Match", staleTag);
        await (await client.SendAsync(stale, TestContext.Current.CancellationToken)).ExpectProblemAsync(HttpStatusCode.PreconditionFailed);

        var tool = await (await client.GetAsync($"tools/{id}", TestContext.Current.CancellationToken)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("first", tool["description"]!.GetValue<string>());
    }
}
