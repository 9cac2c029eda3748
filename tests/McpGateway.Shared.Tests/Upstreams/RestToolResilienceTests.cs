using System.Diagnostics;
using System.Text.Json;
using McpGateway.Testing;

namespace McpGateway.Shared.Tests.Upstreams;

/// <summary>The per-tool pipeline: retries of transient failures only, Retry-After, timeout, limits, circuit breaker, cancellation.</summary>
public sealed class RestToolResilienceTests
{
    private static readonly UpstreamAnswer Unavailable = new(503, "busy", "text/plain");
    private static readonly UpstreamAnswer Ok = new(Body: """{"ok":true}""");

    [Fact]
    public async Task Transient_failures_are_retried_until_success_with_a_fresh_request_each_time()
    {
        await using var harness = await RestToolHarness.StartAsync();
        harness.Server.Answer(Unavailable, new UpstreamAnswer(500), new UpstreamAnswer(408), Ok);

        var result = await harness.CallAsync(harness.Tool("POST", "/flaky"), """{"n":1}""");

        Assert.NotEqual(true, result.IsError);
        Assert.Equal(4, harness.Server.Requests.Count);
        Assert.All(harness.Server.Requests, r => Assert.Equal("""{"n":1}""", r.Body));
    }

    [Fact]
    public async Task Persistent_failure_is_an_error_after_every_retry()
    {
        await using var harness = await RestToolHarness.StartAsync();
        harness.Server.Answer(Unavailable);

        var result = await harness.CallAsync(harness.Tool("GET", "/down"));

        Assert.True(result.IsError);
        Assert.Contains("HTTP 503 Service Unavailable after 4 attempts: busy", RestToolHarness.Text(result), StringComparison.Ordinal);
        Assert.Equal(1 + RestToolHarness.QuickSettings.MaxRetries, harness.Server.Requests.Count);
    }

    [Fact]
    public async Task No_retries_when_MAX_TOOL_RETRIES_is_zero()
    {
        await using var harness = await RestToolHarness.StartAsync(RestToolHarness.QuickSettings with { MaxRetries = 0 });
        harness.Server.Answer(Unavailable);

        Assert.True((await harness.CallAsync(harness.Tool("GET", "/down"))).IsError);
        Assert.Single(harness.Server.Requests);
    }

    [Fact]
    public async Task Too_many_requests_is_retried_after_the_upstreams_Retry_After()
    {
        await using var harness = await RestToolHarness.StartAsync();
        harness.Server.Answer(new UpstreamAnswer(429) { Headers = new Dictionary<string, string> { ["Retry-After"] = "1" } }, Ok);

        var watch = Stopwatch.StartNew();
        var result = await harness.CallAsync(harness.Tool("GET", "/throttled"));

        Assert.NotEqual(true, result.IsError);
        Assert.Equal(2, harness.Server.Requests.Count);

        // The backoff alone would wait about 10 ms.
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(8));
    }

    [Fact]
    public async Task Retry_After_beyond_the_timeout_is_not_waited_for()
    {
        await using var harness = await RestToolHarness.StartAsync();
        harness.Server.Answer(new UpstreamAnswer(429, "slow down", "text/plain") { Headers = new Dictionary<string, string> { ["Retry-After"] = "3600" } });

        var result = await harness.CallAsync(harness.Tool("GET", "/throttled"));

        Assert.True(result.IsError);
        Assert.Contains("HTTP 429", RestToolHarness.Text(result), StringComparison.Ordinal);
        Assert.Single(harness.Server.Requests);
    }

    [Fact]
    public async Task Connection_errors_are_retried_then_reported()
    {
        await using var harness = await RestToolHarness.StartAsync();
        var closedPort = FreePorts.Take(1)[0];
        var tool = harness.Tool("GET", "/") with { Url = $"http://127.0.0.1:{closedPort}/nothing" };

        var result = await harness.CallAsync(tool);

        Assert.True(result.IsError);
        Assert.Contains("could not be reached after 4 attempts", RestToolHarness.Text(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Slow_upstream_times_out_quickly_as_an_error()
    {
        await using var harness = await RestToolHarness.StartAsync(RestToolHarness.QuickSettings with { Timeout = TimeSpan.FromMilliseconds(500) });
        harness.Server.Answer(Ok with { Delay = TimeSpan.FromSeconds(30) });

        var watch = Stopwatch.StartNew();
        var result = await harness.CallAsync(harness.Tool("GET", "/slow"));

        Assert.True(result.IsError);
        Assert.Contains("timed out after 0.5 s", RestToolHarness.Text(result), StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Calls_beyond_the_concurrency_limit_are_refused()
    {
        await using var harness = await RestToolHarness.StartAsync(RestToolHarness.QuickSettings with { ConcurrentLimit = 2 });
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Server.Answer(Ok with { Gate = gate.Task });
        var tool = harness.Tool("GET", "/held");

        var held = new[] { harness.CallAsync(tool), harness.CallAsync(tool) };
        for (var i = 0; i < 200 && harness.Server.Requests.Count < 2; i++)
        {
            await Task.Delay(25, TestContext.Current.CancellationToken);
        }

        var refused = await harness.CallAsync(tool);
        gate.SetResult();
        var completed = await Task.WhenAll(held);

        Assert.True(refused.IsError);
        Assert.Contains("concurrency limit of 2", RestToolHarness.Text(refused), StringComparison.Ordinal);
        Assert.All(completed, r => Assert.NotEqual(true, r.IsError));
        Assert.Equal(2, harness.Server.Requests.Count);
    }

    [Fact]
    public async Task Calls_beyond_the_rate_limit_are_refused_per_tool()
    {
        await using var harness = await RestToolHarness.StartAsync(RestToolHarness.QuickSettings with { RateLimitPerMinute = 2 });
        harness.Server.Answer(Ok);
        var tool = harness.Tool("GET", "/limited");

        var results = new[] { await harness.CallAsync(tool), await harness.CallAsync(tool), await harness.CallAsync(tool) };
        var otherTool = await harness.CallAsync(harness.Tool("GET", "/limited"));

        Assert.Equal([false, false, true], results.Select(r => r.IsError == true));
        Assert.Contains("rate limit of 2 calls per minute exceeded", RestToolHarness.Text(results[2]), StringComparison.Ordinal);
        Assert.NotEqual(true, otherTool.IsError);
        Assert.Equal(3, harness.Server.Requests.Count);
    }

    [Fact]
    public async Task Repeated_failures_open_the_circuit()
    {
        var settings = RestToolHarness.QuickSettings with { MaxRetries = 0, MinimumThroughput = 2, FailureRatio = 0.5, BreakDuration = TimeSpan.FromSeconds(30) };
        await using var harness = await RestToolHarness.StartAsync(settings);
        harness.Server.Answer(new UpstreamAnswer(500, "boom", "text/plain"));
        var tool = harness.Tool("GET", "/broken");

        var first = await harness.CallAsync(tool);
        var second = await harness.CallAsync(tool);
        var third = await harness.CallAsync(tool);

        Assert.Contains("HTTP 500", RestToolHarness.Text(first), StringComparison.Ordinal);
        Assert.Contains("HTTP 500", RestToolHarness.Text(second), StringComparison.Ordinal);
        Assert.True(third.IsError);
        Assert.Contains("circuit open", RestToolHarness.Text(third), StringComparison.Ordinal);
        Assert.Equal(2, harness.Server.Requests.Count);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_thrown_not_reported()
    {
        await using var harness = await RestToolHarness.StartAsync();
        harness.Server.Answer(Ok with { Delay = TimeSpan.FromSeconds(30) });
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancellation.CancelAfter(TimeSpan.FromMilliseconds(300));

        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.CallAsync(harness.Tool("GET", "/slow"), cancellationToken: cancellation.Token));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task A_tool_that_is_not_rest_is_refused()
    {
        await using var harness = await RestToolHarness.StartAsync();
        var tool = harness.Tool("STREAMABLEHTTP", "/mcp") with { IntegrationType = "MCP" };
        await Assert.ThrowsAsync<ArgumentException>(() => harness.Invoker.InvokeAsync(tool, new Dictionary<string, JsonElement>(), TestContext.Current.CancellationToken));
    }
}
