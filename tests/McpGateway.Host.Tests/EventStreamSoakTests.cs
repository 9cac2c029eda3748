using System.Diagnostics;
using System.Net;

namespace McpGateway.Host.Tests;

/// <summary>
/// Many SSE clients on one host (127.0.0.1) while catalog changes stream: each must get every event exactly once.
/// Bounded by a deadline, so it always ends; it prints the number of connections, events and deliveries.
/// </summary>
public sealed class EventStreamSoakTests(EventStreamFixture gateway) : IClassFixture<EventStreamFixture>
{
    private const int Connections = 200;
    private const int Events = 50;

    [Fact]
    public async Task Every_one_of_200_clients_gets_every_event_exactly_once()
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromMinutes(3));
        var prefix = "soak" + Guid.NewGuid().ToString("N")[..6] + "-";
        using var streams = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Connections + 10 })
        {
            BaseAddress = gateway.Host.BaseAddress,
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestHeaders = { Authorization = gateway.Host.CreateClient().DefaultRequestHeaders.Authorization },
        };

        var opened = await Task.WhenAll(Enumerable.Range(0, Connections).Select(_ => EventStream.OpenAsync(streams, "events?entity=tool&types=added", lastEventId: null, deadline.Token)));
        var clock = Stopwatch.StartNew();
        var receiving = opened.Select(stream => ReceiveAsync(stream, prefix, deadline.Token)).ToArray();

        using var client = gateway.Host.CreateClient();
        var names = Enumerable.Range(0, Events).Select(i => $"{prefix}{i:D3}").ToArray();
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = deadline.Token }, async (name, _) =>
            await (await client.PostJsonAsync("tools", $$"""{"name":"{{name}}","url":"http://127.0.0.1:1/x"}""")).ExpectAsync(HttpStatusCode.Created));
        var received = await Task.WhenAll(receiving);
        clock.Stop();
        foreach (var stream in opened)
        {
            stream.Dispose();
        }

        var deliveries = received.Sum(r => r.Count);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"SSE soak: {Connections} connections, {Events} events, {deliveries} deliveries in {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.All(received, events =>
        {
            Assert.Equal(Events, events.Count);
            Assert.Equal(Events, events.Select(e => e.Id).Distinct().Count());
            Assert.Equal(names, events.Select(e => e.Name).Order(StringComparer.Ordinal));
        });
    }

    /// <summary>Reads until this run's <see cref="Events"/> tools arrived; more than that (a duplicate) would show in the count.</summary>
    private static async Task<List<(string Id, string Name)>> ReceiveAsync(EventStream stream, string prefix, CancellationToken cancellationToken)
    {
        var events = new List<(string Id, string Name)>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (names.Count < Events)
        {
            var (next, envelope) = await stream.NextAsync(cancellationToken);
            var name = envelope["data"]!["name"]!.GetValue<string>();
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                events.Add((next.Id!, name));
                names.Add(name);
            }
        }

        return events;
    }
}
