using System.Net;

namespace McpGateway.Host.Tests;

/// <summary><c>POST /metrics/reset</c> on a host of its own: a reset of everything must not reach other tests' metrics.</summary>
public sealed class MetricsResetTests(AzuriteFixture azurite)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Concurrent_resets_all_succeed_and_leave_no_metrics()
    {
        await using var host = await GatewayHostProcess.StartAsync(azurite.ConnectionString);
        using var client = host.CreateClient();
        await (await client.PostJsonAsync("prompts", """{"name":"counted","template":"Hi {{ who }}"}""")).ExpectAsync(HttpStatusCode.Created);
        const int Renders = 40;
        for (var i = 0; i < Renders; i++)
        {
            await (await client.PostJsonAsync("prompts/counted", """{"who":"Sam"}""")).ExpectAsync(HttpStatusCode.OK);
        }

        Assert.Equal(Renders, await TotalExecutionsAsync(client));

        // Every reset reads the same rows and deletes them: the ones that lose the race find some already gone.
        var resets = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.PostAsync("metrics/reset", content: null, Cancel)));
        Assert.All(resets, reset => Assert.Equal(HttpStatusCode.OK, reset.StatusCode));
        Assert.Equal(0, await TotalExecutionsAsync(client));
    }

    private static async Task<int> TotalExecutionsAsync(HttpClient client) =>
        (await (await client.GetAsync("prompts/counted/info", Cancel)).ExpectAsync(HttpStatusCode.OK))["metrics"]!["totalExecutions"]!.GetValue<int>();
}
