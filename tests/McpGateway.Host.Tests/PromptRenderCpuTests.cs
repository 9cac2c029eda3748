using System.Diagnostics;
using System.Net;

namespace McpGateway.Host.Tests;

/// <summary>
/// A template whose regex backtracks catastrophically is stopped by a short match timeout rather than running for the
/// whole PROMPT_RENDER_TIMEOUT, and renders run a few at a time, so many of them at once do not starve other requests.
/// </summary>
public sealed class PromptRenderCpuTests(GatewayHostFixture gateway) : IClassFixture<GatewayHostFixture>
{
    private const string Catastrophic = "{{ text | regex.match '^(a+)+$' }}";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly string Arguments = ApiClientExtensions.Json(new { text = new string('a', 40) + "!" });

    private readonly HttpClient client = gateway.Host.CreateClient();

    [Fact]
    public async Task A_catastrophic_regex_answers_422_within_a_few_seconds()
    {
        var name = await CreateAsync();
        var clock = Stopwatch.StartNew();

        var problem = await (await client.PostJsonAsync($"prompts/{name}", Arguments)).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"The render took {clock.Elapsed.TotalSeconds:0.0} s.");
        Assert.Contains("regular expression", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_answers_promptly_while_sixteen_catastrophic_renders_run()
    {
        var name = await CreateAsync();
        using var anonymous = gateway.Host.CreateClient(authorization: null);
        await (await anonymous.GetAsync("health", Cancel)).ExpectAsync(HttpStatusCode.OK);

        var renders = Enumerable.Range(0, 16).Select(_ => client.PostJsonAsync($"prompts/{name}", Arguments)).ToArray();
        var slowest = TimeSpan.Zero;
        do
        {
            var clock = Stopwatch.StartNew();
            await (await anonymous.GetAsync("health", Cancel)).ExpectAsync(HttpStatusCode.OK);
            slowest = clock.Elapsed > slowest ? clock.Elapsed : slowest;
        }
        while (!renders.All(r => r.IsCompleted));

        foreach (var render in renders)
        {
            await (await render).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        }

        Assert.True(slowest < TimeSpan.FromSeconds(2), $"/health took {slowest.TotalSeconds:0.0} s while the renders ran.");
    }

    private async Task<string> CreateAsync()
    {
        var name = "backtrack-" + Guid.NewGuid().ToString("N")[..8];
        await (await client.PostJsonAsync("prompts", ApiClientExtensions.Json(new
        {
            name,
            template = Catastrophic,
            argument_schema = new { type = "object", properties = new { text = new { type = "string" } } },
        }))).ExpectAsync(HttpStatusCode.Created);
        return name;
    }
}
