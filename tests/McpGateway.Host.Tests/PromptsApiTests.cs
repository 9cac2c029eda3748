using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace McpGateway.Host.Tests;

/// <summary>A host with a small MAX_PROMPT_SIZE and a one-second PROMPT_RENDER_TIMEOUT, so both limits are quick to reach.</summary>
public sealed class PromptsHostFixture(AzuriteFixture azurite) : GatewayHostFixture(azurite)
{
    public const int MaxPromptSize = 4096;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["MAX_PROMPT_SIZE"] = MaxPromptSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["PROMPT_RENDER_TIMEOUT"] = "1",
        ["PROMPT_CACHE_SIZE"] = "5",
    };
}

/// <summary>/prompts through the running host: the seed's curl examples, ContextForge 1.x forms, versions and every error.</summary>
public sealed class PromptsApiTests(PromptsHostFixture gateway) : IClassFixture<PromptsHostFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly HttpClient client = gateway.Host.CreateClient();

    [Fact]
    public async Task Seed_examples_create_list_render_update_toggle_and_delete_a_prompt()
    {
        var created = await (await client.PostJsonAsync("prompts", """
            {
              "name":"greet",
              "template":"Hello, {{ user }}!",
              "argument_schema":{
                "type":"object",
                "properties":{"user":{"type":"string"}},
                "required":["user"]
              }
            }
            """)).ExpectAsync(HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();
        Assert.Equal("greet", created["name"]!.GetValue<string>());
        Assert.Equal("Hello, {{ user }}!", created["template"]!.GetValue<string>());
        Assert.Equal(1, created["version"]!.GetValue<int>());
        Assert.Equal("user", created["arguments"]![0]!["name"]!.GetValue<string>());
        Assert.True(created["arguments"]![0]!["required"]!.GetValue<bool>());
        Assert.Equal("string", created["argumentSchema"]!["properties"]!["user"]!["type"]!.GetValue<string>());

        var list = (await (await client.GetAsync("prompts", Cancel)).ExpectAsync(HttpStatusCode.OK)).AsArray();
        Assert.Contains(list, p => p!["id"]!.GetValue<string>() == id);

        var rendered = await (await client.PostJsonAsync("prompts/greet", """{"user":"Alice"}""")).ExpectAsync(HttpStatusCode.OK);
        var message = Assert.Single(rendered["messages"]!.AsArray())!;
        Assert.Equal("user", message["role"]!.GetValue<string>());
        Assert.Equal("text", message["content"]!["type"]!.GetValue<string>());
        Assert.Equal("Hello, Alice!", message["content"]!["text"]!.GetValue<string>());
        Assert.True(rendered.AsObject().ContainsKey("description"));

        // Without arguments ContextForge returns the template as it is.
        var unrendered = await (await client.GetAsync("prompts/greet", Cancel)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Hello, {{ user }}!", unrendered["messages"]![0]!["content"]!["text"]!.GetValue<string>());

        var updated = await (await client.PutJsonAsync("prompts/greet", """{"template":"Hi, {{ user }}!"}""")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Hi, {{ user }}!", updated["template"]!.GetValue<string>());
        Assert.Equal(2, updated["version"]!.GetValue<int>());
        Assert.Equal("user", updated["arguments"]![0]!["name"]!.GetValue<string>());

        var toggled = await (await client.PostAsync($"prompts/{id}/toggle?activate=false", null, Cancel)).ExpectAsync(HttpStatusCode.OK);
        Assert.False(toggled["prompt"]!["enabled"]!.GetValue<bool>());
        var active = (await (await client.GetAsync("prompts", Cancel)).ExpectAsync(HttpStatusCode.OK)).AsArray();
        Assert.DoesNotContain(active, p => p!["id"]!.GetValue<string>() == id);
        var all = (await (await client.GetAsync("prompts?include_inactive=true", Cancel)).ExpectAsync(HttpStatusCode.OK)).AsArray();
        Assert.Contains(all, p => p!["id"]!.GetValue<string>() == id);
        await (await client.PostJsonAsync("prompts/greet", """{"user":"Alice"}""")).ExpectProblemAsync(HttpStatusCode.NotFound);

        var state = await (await client.PostAsync($"prompts/{id}/state?activate=true", null, Cancel)).ExpectAsync(HttpStatusCode.OK);
        Assert.True(state["prompt"]!["enabled"]!.GetValue<bool>());

        var deleted = await (await client.DeleteAsync("prompts/greet", Cancel)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(id, deleted["id"]!.GetValue<string>());
        await (await client.GetAsync("prompts/greet", Cancel)).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync($"prompts/{id}/info", Cancel)).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ContextForge_wrapped_body_with_an_arguments_list_is_accepted_and_returned_in_both_forms()
    {
        var created = await (await client.PostJsonAsync("prompts", """
            {"prompt": {"name":"summarize","description":"Summaries","template":"Summarize {{ topic }}{% if style %} in a {{ style }} style{% endif %}.",
                        "arguments":[{"name":"topic","description":"What to summarize","required":true},{"name":"style"}],
                        "tags":["Writing"]}}
            """)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(["topic", "style"], created["arguments"]!.AsArray().Select(a => a!["name"]!.GetValue<string>()));
        Assert.Equal("What to summarize", created["arguments"]![0]!["description"]!.GetValue<string>());
        Assert.False(created["arguments"]![1]!["required"]!.GetValue<bool>());
        Assert.Equal(["topic"], created["argumentSchema"]!["required"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(["writing"], created["tags"]!.AsArray().Select(t => t!.GetValue<string>()));

        var rendered = await (await client.PostJsonAsync("prompts/summarize", """{"topic":"the news"}""")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Summarize the news.", rendered["messages"]![0]!["content"]!["text"]!.GetValue<string>());
        Assert.Equal("Summaries", rendered["description"]!.GetValue<string>());

        // A read sent back carries both forms; that is fine while they agree.
        var info = await (await client.GetAsync("prompts/summarize/info", Cancel)).ExpectAsync(HttpStatusCode.OK);
        var roundTrip = new JsonObject
        {
            ["arguments"] = info["arguments"]!.DeepClone(),
            ["argumentSchema"] = info["argumentSchema"]!.DeepClone(),
            ["description"] = "Short summaries",
        };
        var updated = await (await client.PutJsonAsync("prompts/summarize", roundTrip.ToJsonString())).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Short summaries", updated["description"]!.GetValue<string>());

        var byTag = (await (await client.GetAsync("prompts?tags=writing", Cancel)).ExpectAsync(HttpStatusCode.OK)).AsArray();
        Assert.Single(byTag, p => p!["name"]!.GetValue<string>() == "summarize");
    }

    [Fact]
    public async Task Info_returns_metadata_and_metrics_of_every_render()
    {
        var id = await CreateAsync("metered", "Dear {{ who }}", """{"type":"object","properties":{"who":{"type":"string"}},"required":["who"]}""");
        await (await client.PostJsonAsync($"prompts/{id}", """{"who":"Sam"}""")).ExpectAsync(HttpStatusCode.OK);
        await (await client.GetAsync($"prompts/{id}", Cancel)).ExpectAsync(HttpStatusCode.OK);
        await (await client.PostJsonAsync($"prompts/{id}", """{"whom":"Sam"}""")).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);

        var response = await client.GetAsync($"prompts/{id}/info", Cancel);
        var info = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal("metered", info["name"]!.GetValue<string>());
        Assert.Equal("Dear {{ who }}", info["template"]!.GetValue<string>());
        Assert.Equal(3, info["metrics"]!["totalExecutions"]!.GetValue<int>());
        Assert.Equal(1, info["metrics"]!["failedExecutions"]!.GetValue<int>());
        Assert.NotNull(info["createdAt"]);
        Assert.NotNull(info["updatedAt"]);

        var byName = await (await client.GetAsync("prompts/metered/info", Cancel)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(id, byName["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Updates_keep_versions_and_rollback_restores_one_as_a_new_revision()
    {
        var id = await CreateAsync("versioned", "v1 {{ x }}", """{"type":"object","properties":{"x":{"type":"string"}}}""");
        await (await client.PutJsonAsync($"prompts/{id}", """{"template":"v2 {{ x }}","description":"second"}""")).ExpectAsync(HttpStatusCode.OK);
        await (await client.PutJsonAsync($"prompts/{id}", """{"template":"v3 {{ x }}","arguments":[{"name":"x","required":true}]}""")).ExpectAsync(HttpStatusCode.OK);

        var versions = (await (await client.GetAsync($"prompts/{id}/versions", Cancel)).ExpectAsync(HttpStatusCode.OK)).AsArray();
        Assert.Equal([3, 2, 1], versions.Select(v => v!["version"]!.GetValue<int>()));
        Assert.Equal(["v3 {{ x }}", "v2 {{ x }}", "v1 {{ x }}"], versions.Select(v => v!["template"]!.GetValue<string>()));
        Assert.Equal([true, false, false], versions.Select(v => v!["current"]!.GetValue<bool>()));
        Assert.All(versions, v => Assert.NotNull(v!["updatedAt"]));

        var restored = await (await client.PostAsync($"prompts/{id}/versions/1/rollback", null, Cancel)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("v1 {{ x }}", restored["template"]!.GetValue<string>());
        Assert.Equal(4, restored["version"]!.GetValue<int>());
        Assert.Null(restored["description"]);
        Assert.False(restored["arguments"]![0]!["required"]!.GetValue<bool>());

        var after = (await (await client.GetAsync($"prompts/versioned/versions", Cancel)).ExpectAsync(HttpStatusCode.OK)).AsArray();
        Assert.Equal([4, 3, 2, 1], after.Select(v => v!["version"]!.GetValue<int>()));
        var rendered = await (await client.PostJsonAsync("prompts/versioned", """{"x":"ok"}""")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("v1 ok", rendered["messages"]![0]!["content"]!["text"]!.GetValue<string>());

        await (await client.PostAsync($"prompts/{id}/versions/99/rollback", null, Cancel)).ExpectProblemAsync(HttpStatusCode.NotFound);
        var badVersion = await (await client.PostAsync($"prompts/{id}/versions/abc/rollback", null, Cancel)).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("version", badVersion["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_prompt_is_404_on_every_route()
    {
        await (await client.GetAsync("prompts/nope", Cancel)).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await client.PostJsonAsync("prompts/nope", """{"a":"b"}""")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync("prompts/nope/info", Cancel)).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync("prompts/nope/versions", Cancel)).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await client.PostAsync("prompts/nope/versions/1/rollback", null, Cancel)).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await client.PutJsonAsync("prompts/nope", """{"description":"x"}""")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await client.PostAsync("prompts/nope/toggle?activate=false", null, Cancel)).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await client.DeleteAsync("prompts/nope", Cancel)).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Duplicate_name_is_409_on_create_and_rename()
    {
        await CreateAsync("dup_prompt", "a");
        var otherId = await CreateAsync("dup_other", "b");
        var problem = await (await client.PostJsonAsync("prompts", """{"name":"dup_prompt","template":"c"}""")).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("name", problem["field"]!.GetValue<string>());
        await (await client.PutJsonAsync($"prompts/{otherId}", """{"name":"dup_prompt"}""")).ExpectProblemAsync(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("""{"template":"x"}""", "name")]
    [InlineData("""{"name":"no_template"}""", "template")]
    [InlineData("""{"name":"blank_template","template":"  "}""", "template")]
    [InlineData("""{"name":"bad_template","template":"Hello {{ user }"}""", "template")]
    [InlineData("""{"name":"unclosed","template":"{% if a %}never closed"}""", "template")]
    [InlineData("""{"name":"bad_schema","template":"x","argument_schema":{"type":"object","properties":{"a":{"type":5}}}}""", "argument_schema")]
    [InlineData("""{"name":"not_object_schema","template":"x","argument_schema":{"type":"string"}}""", "argument_schema")]
    [InlineData("""{"name":"bad_arguments","template":"x","arguments":[{"description":"no name"}]}""", "arguments[0].name")]
    [InlineData("""{"name":"twice","template":"x","arguments":[{"name":"a"},{"name":"a"}]}""", "arguments[1].name")]
    [InlineData("""{"name":"disagree","template":"x","arguments":[{"name":"a"}],"argument_schema":{"type":"object","properties":{"b":{}}}}""", "arguments")]
    [InlineData("""{"name":"bad_tags","template":"x","tags":"notalist"}""", "tags")]
    public async Task Invalid_body_is_422_naming_the_field(string body, string field)
    {
        var problem = await (await client.PostJsonAsync("prompts", body)).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(field, problem["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Invalid_template_on_update_is_422_with_the_parser_message_and_keeps_the_prompt()
    {
        var id = await CreateAsync("stays_valid", "fine {{ a }}");
        var problem = await (await client.PutJsonAsync($"prompts/{id}", """{"template":"{% for x in %}{% endfor %}"}""")).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("template", problem["field"]!.GetValue<string>());
        Assert.Contains("does not parse at line 1", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var info = await (await client.GetAsync($"prompts/{id}/info", Cancel)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("fine {{ a }}", info["template"]!.GetValue<string>());
        Assert.Equal(1, info["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Template_over_MAX_PROMPT_SIZE_is_413_naming_the_setting()
    {
        var body = new JsonObject { ["name"] = "too_big", ["template"] = new string('x', PromptsHostFixture.MaxPromptSize + 1) }.ToJsonString();
        var problem = await (await client.PostJsonAsync("prompts", body)).ExpectProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("MAX_PROMPT_SIZE", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var id = await CreateAsync("grows", "small");
        var update = new JsonObject { ["template"] = new string('y', PromptsHostFixture.MaxPromptSize + 1) }.ToJsonString();
        await (await client.PutJsonAsync($"prompts/{id}", update)).ExpectProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("""{"other":"x"}""", "name", "required argument 'name' is missing")]
    [InlineData("""{"name":5}""", "name", "argument 'name' is invalid")]
    [InlineData("""{"name":"a","count":0}""", "count", "argument 'count' is invalid")]
    public async Task Arguments_that_do_not_fit_the_schema_are_422_naming_the_argument(string arguments, string field, string detail)
    {
        await EnsurePromptAsync("typed_args", "{{ name }} x{{ count }}",
            """{"type":"object","properties":{"name":{"type":"string"},"count":{"type":"integer","minimum":1}},"required":["name"]}""");
        var problem = await (await client.PostJsonAsync("prompts/typed_args", arguments)).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(field, problem["field"]!.GetValue<string>());
        Assert.Contains(detail, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_body_must_be_a_json_object()
    {
        await CreateAsync("object_args", "{{ a }}");
        var problem = await (await client.PostJsonAsync("prompts/object_args", """["a"]""")).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("body", problem["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Include_is_refused_when_rendering()
    {
        await CreateAsync("includer", "{% include 'secrets' %}{{ a }}");
        var problem = await (await client.PostJsonAsync("prompts/includer", """{"a":"x"}""")).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("include is not available", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runaway_and_slow_templates_answer_422_within_the_render_timeout()
    {
        await CreateAsync("runaway", "{% for i in (1..1000000000) %}{{ a }}{% endfor %}");
        var watch = Stopwatch.StartNew();
        var runaway = await (await client.PostJsonAsync("prompts/runaway", """{"a":"x"}""")).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("LoopLimit", runaway["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        // Within the loop limit, but each iteration upper-cases a 1 MiB string: far longer than PROMPT_RENDER_TIMEOUT=1.
        await CreateAsync("slow", "{% assign s = 'aaaaaaaaaaaaaaaa' %}{% for i in (1..16) %}{% assign s = s | append: s %}{% endfor %}"
            + "{% for i in (1..10000) %}{% assign t = s | upcase %}{% endfor %}{{ a }}");
        var slow = await (await client.PostJsonAsync("prompts/slow", """{"a":"x"}""")).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("PROMPT_RENDER_TIMEOUT (1 s)", slow["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"Both renders took {watch.Elapsed}.");

        var info = await (await client.GetAsync("prompts/slow/info", Cancel)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, info["metrics"]!["failedExecutions"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("PATCH", "prompts/anything")]
    [InlineData("DELETE", "prompts")]
    [InlineData("PUT", "prompts/anything/info")]
    [InlineData("POST", "prompts/anything/versions")]
    [InlineData("GET", "prompts/anything/versions/1/rollback")]
    public async Task Unsupported_methods_are_405_with_Allow(string method, string path)
    {
        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Cancel);
        await response.ExpectProblemAsync(HttpStatusCode.MethodNotAllowed);
        Assert.NotEmpty(response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Lists_paginate_with_cursor_and_limit()
    {
        for (var i = 0; i < 3; i++)
        {
            await (await client.PostJsonAsync("prompts", $$"""{"name":"page_prompt_{{i}}","template":"t{{i}}","tags":["paging"]}""")).ExpectAsync(HttpStatusCode.Created);
        }

        var first = await client.GetAsync("prompts?tags=paging&limit=2", Cancel);
        Assert.Equal(["page_prompt_0", "page_prompt_1"], (await first.ExpectAsync(HttpStatusCode.OK)).AsArray().Select(p => p!["name"]!.GetValue<string>()));
        var cursor = Assert.Single(first.Headers.GetValues("X-Next-Cursor"));
        var second = await (await client.GetAsync($"prompts?tags=paging&limit=2&cursor={cursor}", Cancel)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["page_prompt_2"], second.AsArray().Select(p => p!["name"]!.GetValue<string>()));
    }

    private async Task<string> CreateAsync(string name, string template, string? argumentSchema = null)
    {
        var body = new JsonObject { ["name"] = name, ["template"] = template };
        if (argumentSchema is not null)
        {
            body["argument_schema"] = JsonNode.Parse(argumentSchema);
        }

        var created = await (await client.PostJsonAsync("prompts", body.ToJsonString())).ExpectAsync(HttpStatusCode.Created);
        return created["id"]!.GetValue<string>();
    }

    /// <summary>Creates the prompt unless an earlier case of the same theory already did.</summary>
    private async Task EnsurePromptAsync(string name, string template, string argumentSchema)
    {
        var existing = await client.GetAsync($"prompts/{name}/info", Cancel);
        if (existing.StatusCode == HttpStatusCode.NotFound)
        {
            await CreateAsync(name, template, argumentSchema);
        }
    }
}
