using McpGateway.Shared.Catalog.Tools;
using McpGateway.Shared.Configuration;
using McpGateway.Shared.Notifications;
using McpGateway.Shared.Notifications.SignalRService;
using McpGateway.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace McpGateway.Shared.Tests.Notifications;

/// <summary>
/// The Functions app's wiring (the gateway core plus <see cref="SignalRServiceRelay"/>): a catalog change made on this
/// instance reaches Azure SignalR Service's REST API (here the checking listener) as one broadcast of its envelope.
/// </summary>
public sealed class CatalogEventRelayTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private SignalRServiceListener listener = null!;

    public async ValueTask InitializeAsync() => listener = await SignalRServiceListener.StartAsync();

    public ValueTask DisposeAsync() => listener.DisposeAsync();

    [Fact]
    public async Task Creating_and_deleting_a_tool_broadcasts_added_then_removed_to_the_events_hub()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CatalogStorage"] = azurite.ConnectionString,
            ["STORAGE_PREFIX"] = "rl" + Guid.NewGuid().ToString("N")[..10],
            [SignalRServiceOptions.ConnectionStringSetting] = listener.ConnectionString(),
            ["SSRF_ALLOW_LOCALHOST"] = "true",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddGatewayCore(configuration, "functions");
        services.AddSingleton<IEventRelay, SignalRServiceRelay>();
        await using var provider = services.BuildServiceProvider();
        var tools = provider.GetRequiredService<ToolService>();

        var created = await tools.CreateAsync(new ToolInput { Name = "relayed", Url = "http://127.0.0.1:1/x" }, TestContext.Current.CancellationToken);
        await tools.DeleteAsync(created.Document.Id, TestContext.Current.CancellationToken);

        var requests = await listener.WaitForRequestsAsync(2, TestContext.Current.CancellationToken);
        Assert.All(requests, r => Assert.Equal(("POST", "/api/v1/hubs/events", true), (r.Method, r.PathAndQuery, r.Authorized)));
        var envelopes = requests.Select(r => r.Body!["arguments"]![0]!).ToArray();
        Assert.Equal(["added", "removed"], envelopes.Select(e => e["type"]!.GetValue<string>()));
        Assert.All(envelopes, e => Assert.Equal((created.Document.Id, "tool", "relayed"), (e["id"]!.GetValue<string>(), e["entity"]!.GetValue<string>(), e["data"]!["name"]!.GetValue<string>())));
    }
}
