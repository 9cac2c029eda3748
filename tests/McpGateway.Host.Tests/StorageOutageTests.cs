using System.Net;

namespace McpGateway.Host.Tests;

/// <summary>A storage outage answers 503 with Retry-After, changes nothing, and the gateway recovers with the data intact.</summary>
public sealed class StorageOutageTests
{
    [Fact]
    public async Task Outage_answers_503_with_retry_after_and_loses_nothing()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var azurite = await AzuriteInstance.StartAsync();
        await using var host = await GatewayHostProcess.StartAsync(azurite.ConnectionString);
        using var client = host.CreateClient();

        var created = await (await client.PostJsonAsync("tools", """{"name":"survivor","url":"http://127.0.0.1:1/x","description":"before"}""")).ExpectAsync(HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();

        await azurite.StopAsync();

        var list = await client.GetAsync("tools", cancellation);
        await list.ExpectProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.NotNull(list.Headers.RetryAfter);
        var update = await client.PutJsonAsync($"tools/{id}", """{"description":"during outage"}""");
        await update.ExpectProblemAsync(HttpStatusCode.ServiceUnavailable);
        var health = await (await host.CreateClient(null).GetAsync("health", cancellation)).ExpectAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("unhealthy", health["status"]!.GetValue<string>());

        await azurite.RestartAsync();
        // The instance answers again once its catalog follower has read storage again.
        await host.WaitUntilAsync(async () => (await client.GetAsync($"tools/{id}", cancellation)).StatusCode == HttpStatusCode.OK, cancellation);

        var after = await (await client.GetAsync($"tools/{id}", cancellation)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("before", after["description"]!.GetValue<string>());
        Assert.Equal(1, after["version"]!.GetValue<int>());
        await (await client.PutJsonAsync($"tools/{id}", """{"description":"after"}""")).ExpectAsync(HttpStatusCode.OK);
    }
}
