using System.Diagnostics;
using System.Text.Json;
using McpGateway.Shared.Prompts;

namespace McpGateway.Shared.Tests.Prompts;

/// <summary>The renderer on its own: Jinja-style templates, argument checks and the sandbox limits.</summary>
public sealed class PromptRendererTests : IDisposable
{
    private static readonly JsonElement GreetSchema = Json("""
        {"type":"object","properties":{"user":{"type":"string","description":"Who to greet"},"times":{"type":"integer","minimum":1}},"required":["user"]}
        """);

    private readonly PromptRenderer renderer = new(new PromptSandbox(TimeSpan.FromSeconds(5)), cacheSize: 10);

    [Fact]
    public async Task Renders_variables_conditions_and_loops()
    {
        var messages = await RenderAsync(
            "Hello, {{ user }}!{% if times %} x{{ times }}{% endif %}{% for tag in tags %} #{{ tag | upcase }}{% endfor %}",
            """{"user":"Alice","times":2,"tags":["a","b"]}""");

        var message = Assert.Single(messages);
        Assert.Equal("user", message.Role);
        Assert.Equal("text", message.Content.Type);
        Assert.Equal("Hello, Alice! x2 #A #B", message.Content.Text);
    }

    [Fact]
    public async Task Declared_optional_arguments_that_are_absent_render_empty()
    {
        var messages = await RenderAsync("Hi {{ user }}{% if times %}!{% endif %}{{ times.anything }}.", """{"user":"Bob"}""");
        Assert.Equal("Hi Bob.", Assert.Single(messages).Content.Text);
    }

    [Fact]
    public async Task Role_markers_split_the_text_into_messages()
    {
        var messages = await RenderAsync("Context for {{ user }}\n# Assistant:\nUnderstood.\n# User:\nGo on", """{"user":"Ann"}""");
        Assert.Equal(["user", "assistant", "user"], messages.Select(m => m.Role));
        Assert.Equal(["Context for Ann", "Understood.", "Go on"], messages.Select(m => m.Content.Text));
    }

    [Fact]
    public async Task Missing_required_argument_is_named_before_rendering()
    {
        var ex = await Assert.ThrowsAsync<PromptException>(() => RenderAsync("{{ user }} {{ undeclared }}", """{"times":1}"""));
        Assert.Equal("user", ex.Argument);
        Assert.Contains("required argument 'user' is missing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Argument_that_breaks_the_schema_is_named()
    {
        var ex = await Assert.ThrowsAsync<PromptException>(() => RenderAsync("{{ user }}", """{"user":"a","times":0}"""));
        Assert.Equal("times", ex.Argument);
    }

    [Fact]
    public async Task Undeclared_variable_is_an_error_not_empty_text()
    {
        var ex = await Assert.ThrowsAsync<PromptException>(() => RenderAsync("Hello {{ usr }}", """{"user":"a"}"""));
        Assert.Contains("usr", ex.Message, StringComparison.Ordinal);
        Assert.Contains("line 1, column", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{% include 'other' %}")]
    [InlineData("{% include '/etc/passwd' %}")]
    public async Task Include_is_refused(string template)
    {
        var ex = await Assert.ThrowsAsync<PromptException>(() => RenderAsync(template, """{"user":"a"}"""));
        Assert.Contains("include is not available", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Loop_limit_stops_runaway_loops()
    {
        var ex = await Assert.ThrowsAsync<PromptException>(() => RenderAsync("{% for i in (1..1000000000) %}{% endfor %}", """{"user":"a"}"""));
        Assert.Contains("LoopLimit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Output_is_bounded()
    {
        using var small = new PromptRenderer(new PromptSandbox(TimeSpan.FromSeconds(5), MaxTextLength: 1000), cacheSize: 10);
        var ex = await Assert.ThrowsAsync<PromptException>(() => small.RenderAsync(
            "{% for i in (1..100) %}{{ user }}{% endfor %}", GreetSchema, Json("""{"user":"0123456789abcdef"}"""), TestContext.Current.CancellationToken));
        Assert.Contains("longer than 1000 characters", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_timeout_stops_a_long_render()
    {
        // Within the loop limit, but each iteration upper-cases a 1 MiB string: many seconds of work.
        const string slow = "{% assign s = 'aaaaaaaaaaaaaaaa' %}{% for i in (1..16) %}{% assign s = s | append: s %}{% endfor %}"
            + "{% for i in (1..10000) %}{% assign t = s | upcase %}{% endfor %}done";
        using var hurried = new PromptRenderer(new PromptSandbox(TimeSpan.FromMilliseconds(300)), cacheSize: 10);
        var watch = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<PromptException>(() =>
            hurried.RenderAsync(slow, GreetSchema, Json("""{"user":"a"}"""), TestContext.Current.CancellationToken));

        Assert.Contains("PROMPT_RENDER_TIMEOUT (0.3 s)", ex.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"The render took {watch.Elapsed} despite the timeout.");
    }

    [Fact]
    public async Task A_catastrophic_regex_is_stopped_by_a_short_match_timeout_not_the_render_timeout()
    {
        var watch = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<PromptException>(() => renderer.RenderAsync(
            "{{ user | regex.match '^(a+)+$' }}", GreetSchema, Json($$"""{"user":"{{new string('a', 40)}}!"}"""), TestContext.Current.CancellationToken));

        Assert.Contains("regular expression", ex.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"The render took {watch.Elapsed}, as long as the render timeout.");
    }

    [Fact]
    public async Task Caller_cancellation_is_not_reported_as_a_timeout()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            renderer.RenderAsync("{% for i in (1..5000) %}{{ user }}{% endfor %}", GreetSchema, Json("""{"user":"a"}"""), cancelled.Token));
    }

    [Theory]
    [InlineData("Hello {{ user }")]
    [InlineData("{% if user %}never closed")]
    [InlineData("{% for x in %}{% endfor %}")]
    public void Invalid_template_reports_the_parser_message(string template)
    {
        var ex = Assert.Throws<PromptException>(() => renderer.Validate(template));
        Assert.StartsWith("The template does not parse at line 1, column", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cached_templates_render_with_fresh_arguments()
    {
        var first = await RenderAsync("Hello, {{ user }}!", """{"user":"One"}""");
        var second = await RenderAsync("Hello, {{ user }}!", """{"user":"Two"}""");
        Assert.Equal("Hello, One!", Assert.Single(first).Content.Text);
        Assert.Equal("Hello, Two!", Assert.Single(second).Content.Text);
    }

    public void Dispose() => renderer.Dispose();

    private Task<IReadOnlyList<PromptMessage>> RenderAsync(string template, string arguments) =>
        renderer.RenderAsync(template, GreetSchema, Json(arguments), TestContext.Current.CancellationToken);

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
