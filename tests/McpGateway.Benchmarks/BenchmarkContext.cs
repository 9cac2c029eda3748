using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using McpGateway.Testing;

namespace McpGateway.Benchmarks;

/// <summary>
/// What the parts share: Azurite, the REST backend, the gateway instance most parts measure (with the REST tool
/// <see cref="RestTool"/> registered on it) and the way paths are compared.
/// </summary>
public sealed class BenchmarkContext(BenchmarkSettings settings, TextWriter progress, AzuriteInstance azurite, RestBackendProcess backend, GatewayInstance gateway)
{
    public const string RestTool = "bench_echo";

    // The JIT compiles what the warm-up made hot in the background; measuring before it is done charges it to the first path.
    private static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(2);

    public static readonly JsonObject EchoArguments = new() { ["message"] = "hello from the benchmark", ["count"] = 42 };

    public BenchmarkSettings Settings => settings;

    public TextWriter Progress => progress;

    public AzuriteInstance Azurite => azurite;

    public RestBackendProcess Backend => backend;

    public GatewayInstance Gateway => gateway;

    /// <summary>A plain HTTP client for calls that bypass the gateway.</summary>
    public HttpClient Direct { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>The REST backend's echo endpoint called directly with the REST tool's arguments, checked to echo them.</summary>
    public async Task<CallPath> DirectEchoAsync(CancellationToken cancellationToken)
    {
        var body = EchoArguments.ToJsonString();
        using (var response = await Direct.PostAsync(backend.EchoUrl, new StringContent(body, Encoding.UTF8, "application/json"), cancellationToken))
        {
            ExpectEcho("The echo endpoint", await response.Content.ReadAsStringAsync(cancellationToken));
        }

        return new CallPath("REST echo, direct", async (_, token) =>
        {
            using var response = await Direct.PostAsync(backend.EchoUrl, new StringContent(body, Encoding.UTF8, "application/json"), token);
            var text = await response.Content.ReadAsStringAsync(token);
            return response.StatusCode == HttpStatusCode.OK ? null : $"{(int)response.StatusCode}: {text}";
        });
    }

    /// <summary>tools/call of the REST tool through <paramref name="instance"/>, checked once to return the echoed arguments.</summary>
    public static async Task<CallPath> RestToolPathAsync(GatewayInstance instance, string name, CancellationToken cancellationToken)
    {
        ExpectEcho(name, await instance.CallForTextAsync(RestTool, EchoArguments, cancellationToken));
        return instance.ToolCallPath(name, RestTool, EchoArguments);
    }

    /// <summary>
    /// Checks each path once, warms each up at the highest level, then measures each at each level, the paths
    /// interleaved so drift on a shared machine hits them alike.
    /// </summary>
    public async Task<IReadOnlyDictionary<(string Path, int Connections), Measurement>> CompareAsync(
        IReadOnlyList<CallPath> paths, IReadOnlyList<int> levels, CancellationToken cancellationToken)
    {
        foreach (var path in paths)
        {
            if (await path.Send(0, cancellationToken) is { } failure)
            {
                throw new InvalidOperationException($"{path.Name} failed before measuring: {failure}");
            }

            await progress.WriteLineAsync($"{path.Name}: warm-up, {settings.Warmup.TotalSeconds} s at {levels.Max()} connections");
            await LoadGenerator.RunAsync(path.Send, levels.Max(), settings.Warmup, cancellationToken);
        }

        await Task.Delay(SettleTime, cancellationToken);
        var measurements = new Dictionary<(string, int), Measurement>();
        foreach (var level in levels)
        {
            foreach (var path in paths)
            {
                await progress.WriteLineAsync($"{path.Name}: {level} connections, {settings.Measure.TotalSeconds} s");
                measurements[(path.Name, level)] = await MeasureAsync(path, level, settings.Measure, cancellationToken);
            }
        }

        return measurements;
    }

    /// <summary>Measures one path at one level, with the CPU time of the process in the middle.</summary>
    public static async Task<Measurement> MeasureAsync(CallPath path, int connections, TimeSpan duration, CancellationToken cancellationToken, long requests = long.MaxValue)
    {
        var cpuBefore = path.Cpu?.Used;
        var measurement = await LoadGenerator.RunAsync(path.Send, connections, duration, cancellationToken, requests);
        measurement.ProxyCpu = path.Cpu?.Used - cpuBefore;
        return measurement;
    }

    /// <summary>The time a comparison of <paramref name="paths"/> at <paramref name="levels"/> levels takes.</summary>
    public static TimeSpan ComparisonTime(BenchmarkSettings settings, int paths, int levels) =>
        SettleTime + (paths * (settings.Warmup + (levels * settings.Measure)));

    private static void ExpectEcho(string what, string text)
    {
        if (!JsonNode.DeepEquals(JsonNode.Parse(text), EchoArguments))
        {
            throw new InvalidOperationException($"{what} did not return the arguments it was sent: {text}");
        }
    }
}
