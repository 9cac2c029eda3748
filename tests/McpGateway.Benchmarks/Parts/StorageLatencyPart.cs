using System.Globalization;
using McpGateway.Testing;

namespace McpGateway.Benchmarks.Parts;

/// <summary>
/// The REST tool call through a gateway instance of its own whose storage is 5 ms away: its table and blob
/// connections go through <see cref="StorageProxy"/>s that add 5 ms to every round trip (held back on the way to
/// Azurite). A first pair of rows measures the proxy itself on Azurite.
/// </summary>
public sealed class StorageLatencyPart : IBenchmarkPart
{
    public static readonly TimeSpan RoundTripDelay = TimeSpan.FromMilliseconds(5);

    private const int Connections = 1;
    private const double AddedLatencyTargetMilliseconds = 1;

    private static readonly TimeSpan StartAllowance = TimeSpan.FromSeconds(60);

    public BenchmarkSection Section => BenchmarkSection.Storage;

    public TimeSpan Budget(BenchmarkSettings settings) => StartAllowance + BenchmarkContext.ComparisonTime(settings, 4, 1);

    public async Task<IReadOnlyList<ResultRow>> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var azurite = context.Azurite;
        await using var tables = StorageProxy.Start(azurite.TablePort, RoundTripDelay);
        await using var blobs = StorageProxy.Start(azurite.BlobPort, RoundTripDelay);
        var distant = blobs.Route(tables.Route(azurite.ConnectionString, azurite.TablePort), azurite.BlobPort);
        await context.Progress.WriteLineAsync($"Starting a gateway instance whose storage is {RoundTripDelay.TotalMilliseconds} ms away...");
        await using var gateway = await GatewayInstance.StartAsync(distant, context.Settings.HostSettings());
        await gateway.CreateOrFailAsync("tools", GatewayInstance.RestTool(BenchmarkContext.RestTool, context.Backend.EchoUrl), cancellationToken);

        var storageDirect = StorageRequest(context, "Azurite table request, direct", azurite.TablePort);
        var storageProxied = StorageRequest(context, $"Azurite table request via the latency proxy (+{RoundTripDelay.TotalMilliseconds} ms per round trip)", tables.Port);
        var direct = await context.DirectEchoAsync(cancellationToken);
        var distantPath = await BenchmarkContext.RestToolPathAsync(gateway, $"REST tool via gateway, storage +{RoundTripDelay.TotalMilliseconds} ms per round trip", cancellationToken);
        var measured = await context.CompareAsync([storageDirect, storageProxied, direct, distantPath], [Connections], cancellationToken);
        var row = new ResultRow(distantPath.Name, Connections, measured[(distantPath.Name, Connections)], measured[(direct.Name, Connections)]);
        return
        [
            new ResultRow(storageDirect.Name, Connections, measured[(storageDirect.Name, Connections)]),
            new ResultRow(storageProxied.Name, Connections, measured[(storageProxied.Name, Connections)], measured[(storageDirect.Name, Connections)]),
            new ResultRow(direct.Name, Connections, measured[(direct.Name, Connections)]),
            row with { Outcome = Outcome.AtMost(row.AddedMilliseconds ?? double.NaN, AddedLatencyTargetMilliseconds, "ms added") },
        ];
    }

    /// <summary>A request Azurite's table service answers (any answer is a round trip, so any status counts).</summary>
    private static CallPath StorageRequest(BenchmarkContext context, string name, int port)
    {
        var url = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/devstoreaccount1/Tables"));
        return new CallPath(name, async (_, cancellationToken) =>
        {
            using var response = await context.Direct.GetAsync(url, cancellationToken);
            await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return null;
        });
    }
}
