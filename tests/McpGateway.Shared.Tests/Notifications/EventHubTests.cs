using System.Text.Json.Nodes;
using McpGateway.Shared.Notifications;
using McpGateway.Shared.Tests.Storage;
using McpGateway.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace McpGateway.Shared.Tests.Notifications;

/// <summary>Instances sharing one event log (Azurite): each instance's subscribers get every instance's events, once.</summary>
public sealed class EventHubTests(AzuriteFixture azurite)
{
    private static readonly IOptions<EventOptions> Settings = Options.Create(new EventOptions { PollIntervalMilliseconds = 100 });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Events_published_on_one_instance_reach_subscribers_of_another_each_once_in_order()
    {
        var log = Log();
        var (first, publisher) = Instance(log);
        var (second, _) = Instance(log);
        using var onFirst = await first.SubscribeAsync(_ => true, lastEventId: null, Ct);
        using var onSecond = await second.SubscribeAsync(e => e.Entity == "tool", lastEventId: null, Ct);

        for (var i = 0; i < 5; i++)
        {
            await publisher.PublishAsync(EventTypes.Added, i % 2 == 0 ? "tool" : "prompt", $"item{i}", new JsonObject { ["name"] = $"n{i}" });
        }

        var all = await TakeAsync(onFirst, 5);
        var tools = await TakeAsync(onSecond, 3);
        Assert.Equal(["item0", "item1", "item2", "item3", "item4"], all.Select(e => e.Id));
        Assert.Equal(["item0", "item2", "item4"], tools.Select(e => e.Id));
        Assert.Equal(all.Where(e => e.Entity == "tool").Select(e => e.EventId), tools.Select(e => e.EventId));
        Assert.Equal(all.Select(e => e.EventId).Order(StringComparer.Ordinal), all.Select(e => e.EventId));

        await publisher.PublishAsync(EventTypes.Removed, "tool", "last", new JsonObject());
        Assert.Equal("last", (await TakeAsync(onSecond, 1)).Single().Id); // nothing repeated before it
    }

    [Fact]
    public async Task A_subscription_with_a_last_event_id_replays_what_followed_it_then_goes_live_without_repeats()
    {
        var log = Log();
        var (hub, publisher) = Instance(log);
        await publisher.PublishAsync(EventTypes.Added, "root", "r0", new JsonObject());
        await publisher.PublishAsync(EventTypes.Added, "root", "r1", new JsonObject());
        await publisher.PublishAsync(EventTypes.Added, "root", "r2", new JsonObject());
        var firstId = await FirstIdAsync(log);

        using var resumed = await hub.SubscribeAsync(_ => true, firstId, Ct);
        await publisher.PublishAsync(EventTypes.Added, "root", "r3", new JsonObject());

        Assert.Equal(["r1", "r2", "r3"], (await TakeAsync(resumed, 3)).Select(e => e.Id));
    }

    [Fact]
    public async Task Pruning_drops_events_older_than_the_retention()
    {
        var log = Log();
        var (_, publisher) = Instance(log);
        await publisher.PublishAsync(EventTypes.Added, "root", "old", new JsonObject());

        await log.PruneAsync(DateTimeOffset.UtcNow.AddSeconds(1), Ct);

        Assert.Null(await FirstIdAsync(log));
    }

    private EventLog Log()
    {
        return new EventLog(TestStorage.Unique(azurite.ConnectionString, "ev"));
    }

    /// <summary>One gateway instance's hub and publisher over the shared log.</summary>
    private static (EventHub Hub, EventPublisher Publisher) Instance(EventLog log)
    {
        var hub = new EventHub(log, Settings, TimeProvider.System, NullLogger<EventHub>.Instance);
        return (hub, new EventPublisher(log, hub, new EventRelayQueue([], NullLogger<EventRelayQueue>.Instance), TimeProvider.System, NullLogger<EventPublisher>.Instance));
    }

    private static async Task<string?> FirstIdAsync(EventLog log)
    {
        await foreach (var logged in log.ReadAfterAsync(string.Empty, Ct))
        {
            return logged.EventId;
        }

        return null;
    }

    private static async Task<List<GatewayEvent>> TakeAsync(EventSubscription subscription, int count)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        var taken = new List<GatewayEvent>();
        await foreach (var next in subscription.ReadAllAsync(timeout.Token))
        {
            taken.Add(next);
            if (taken.Count == count)
            {
                break;
            }
        }

        return taken;
    }
}
