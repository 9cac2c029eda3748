using System.Net;

namespace McpGateway.Host.Tests;

/// <summary>/tools through the running host: the seed's curl examples and ContextForge 1.x forms.</summary>
public sealed class ToolsApiTests(GatewayHostFixture gateway) : IClassFixture<GatewayHostFixture>
{
    private readonly HttpClient client = gateway.Host.CreateClient();

    [Fact]
    public async Task Seed_examples_create_get_update_toggle_and_delete_a_tool()
    {
        var created = await (await client.PostJsonAsync("tools", """
            {"name":"clock_tool","url":"http://localhost:9000/rpc","description":"Returns current time",
             "input_schema":{"type":"object","properties":{"timezone":{"type":"string"}},"required":[]}}
            """)).ExpectAsync(HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();
        Assert.Equal("clock_tool", created["name"]!.GetValue<string>());
        Assert.Equal("string", created["inputSchema"]!["properties"]!["timezone"]!["type"]!.GetValue<string>());
        Assert.Equal(0, created["metrics"]!["totalExecutions"]!.GetValue<int>());

        var list = (await (await client.GetAsync("tools", TestContext.Current.CancellationToken)).ExpectAsync(HttpStatusCode.OK)).AsArray();
        Assert.Contains(list, t => t!["id"]!.GetValue<string>() == id);

        var updated = await (await client.PutJsonAsync($"tools/{id}", """{ "description":"Updated desc" }""")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Updated desc", updated["description"]!.GetValue<string>());
        Assert.Equal("http://localhost:9000/rpc", updated["url"]!.GetValue<string>());

        var toggled = await (await client.PostAsync($"tools/{id}/toggle?activate=false", null, TestContext.Current.CancellationToken)).ExpectAsync(HttpStatusCode.OK);
        Assert.False(toggled["tool"]!["enabled"]!.GetValue<bool>());
        var active = (await (await client.GetAsync("tools", TestContext.Current.CancellationToken)).ExpectAsync(HttpStatusCode.OK)).AsArray();
        Assert.DoesNotContain(active, t => t!["id"]!.GetValue<string>() == id);
        var all = (await (await client.GetAsync("tools?include_inactive=true", TestContext.Current.CancellationToken)).ExpectAsync(HttpStatusCode.OK)).AsArray();
        Assert.Contains(all, t => t!["id"]!.GetValue<string>() == id);

        await (await client.DeleteAsync($"tools/{id}", TestContext.Current.CancellationToken)).ExpectAsync(HttpStatusCode.OK);
        await (await client.GetAsync($"tools/{id}", TestContext.Current.CancellationToken)).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Duplicate_name_is_409_naming_the_field()
    {
        const string body = """{"name":"dup_tool","url":"http://127.0.0.1:1/x"}""";
        await (await client.PostJsonAsync("tools", body)).ExpectAsync(HttpStatusCode.Created);
        var problem = await (await client.PostJsonAsync("tools", body)).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("name", problem["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Wrapped_camel_case_body_is_accepted()
    {
        var created = await (await client.PostJsonAsync("tools", """
            {"tool": {"name":"_internal.v2/search","url":"http://127.0.0.1:1/s","requestType":"GET",
                      "inputSchema":{"type":"object","properties":{"q":{"type":"string"}}},"tags":["Search","search"," web "]}}
            """)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("_internal.v2/search", created["name"]!.GetValue<string>());
        Assert.Equal("GET", created["requestType"]!.GetValue<string>());
        Assert.Equal(new[] { "search", "web" }, created["tags"]!.AsArray().Select(t => t!.GetValue<string>()));

        var byTag = (await (await client.GetAsync("tools?tags=web", TestContext.Current.CancellationToken)).ExpectAsync(HttpStatusCode.OK)).AsArray();
        Assert.Single(byTag, t => t!["name"]!.GetValue<string>() == "_internal.v2/search");
    }

    [Theory]
    [InlineData("""{"url":"http://127.0.0.1:1/x"}""", "name")]
    [InlineData("""{"name":"bad_schema","url":"http://127.0.0.1:1/x","input_schema":{"type":"object","properties":{"a":{"type":5}}}}""", "input_schema")]
    [InlineData("""{"name":"bad_url","url":"ftp://example"}""", "url")]
    [InlineData("""{"name":"bad_verb","url":"http://127.0.0.1:1/x","request_type":"TRACE"}""", "request_type")]
    [InlineData("""{"name":"bad_tags","url":"http://127.0.0.1:1/x","tags":"notalist"}""", "tags")]
    [InlineData("""{"name":"bad_auth","url":"http://127.0.0.1:1/x","auth":{"auth_type":"bearer"}}""", "auth.token")]
    public async Task Invalid_body_is_422_naming_the_field(string body, string field)
    {
        var problem = await (await client.PostJsonAsync("tools", body)).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(field, problem["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Auth_secrets_are_masked_in_responses_and_kept_when_the_mask_is_sent_back()
    {
        var created = await (await client.PostJsonAsync("tools", """
            {"name":"secret_tool","url":"http://127.0.0.1:1/x","auth":{"auth_type":"bearer","token":"super-secret-token-value"}}
            """)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("*****", created["auth"]!["token"]!.GetValue<string>());
        Assert.DoesNotContain("super-secret-token-value", created.ToJsonString(), StringComparison.Ordinal);

        var id = created["id"]!.GetValue<string>();
        var updated = await (await client.PutJsonAsync($"tools/{id}", """{"auth":{"auth_type":"bearer","token":"*****"}}""")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("bearer", updated["auth"]!["authType"]!.GetValue<string>());
        Assert.DoesNotContain("super-secret-token-value", gateway.Host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lists_paginate_with_cursor_and_limit()
    {
        for (var i = 0; i < 5; i++)
        {
            await (await client.PostJsonAsync("tools", $$"""{"name":"page_tool_{{i}}","url":"http://127.0.0.1:1/x","tags":["paging"]}""")).ExpectAsync(HttpStatusCode.Created);
        }

        var names = new List<string>();
        var path = "tools?tags=paging&limit=2";
        for (var pages = 0; path is not null; pages++)
        {
            Assert.True(pages < 5, "pagination did not end");
            var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
            var page = (await response.ExpectAsync(HttpStatusCode.OK)).AsArray();
            Assert.True(page.Count <= 2);
            names.AddRange(page.Select(t => t!["name"]!.GetValue<string>()));
            path = response.Headers.TryGetValues("X-Next-Cursor", out var cursor) ? $"tools?tags=paging&limit=2&cursor={cursor.Single()}" : null;
        }

        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"page_tool_{i}"), names);
    }
}
