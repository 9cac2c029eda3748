using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using McpGateway.Testing;

namespace McpGateway.Benchmarks;

/// <summary>
/// Starts Azurite, the gateway host and the REST backend, registers a REST tool for its echo endpoint, then measures
/// each call path at each concurrency level (interleaved, so drift on a shared machine hits all paths alike).
/// </summary>
public sealed class BenchmarkRun(BenchmarkSettings settings)
{
    private const string ToolName = "bench_echo";

    // Azurite, the host and the first requests of each path; beyond it the hard cap stops the run.
    private static readonly TimeSpan StartupAllowance = TimeSpan.FromMinutes(3);

    private static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(5);

    private static readonly JsonObject Arguments = new() { ["message"] = "hello from the benchmark", ["count"] = 42 };

    /// <returns>0 when every request succeeded, 1 when some failed, 2 when the hard cap stopped the run.</returns>
    public async Task<int> RunAsync(TextWriter output, TextWriter progress, CancellationToken cancellationToken)
    {
        using var hardCap = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        hardCap.CancelAfter(settings.TimeCap + StartupAllowance);
        try
        {
            return await MeasureAsync(output, progress, hardCap.Token);
        }
        catch (OperationCanceledException) when (hardCap.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            await progress.WriteLineAsync($"Stopped: the run exceeded its hard cap ({settings.TimeCap.TotalSeconds} s of measuring + {StartupAllowance.TotalSeconds} s start-up).");
            return 2;
        }
    }

    private async Task<int> MeasureAsync(TextWriter output, TextWriter progress, CancellationToken cancellationToken)
    {
        await progress.WriteLineAsync($"Starting Azurite, the gateway host ({RepositoryPaths.Configuration}) and the REST backend...");
        await using var azurite = await AzuriteInstance.StartAsync();
        await using var host = await GatewayHostProcess.StartAsync(azurite.ConnectionString, settings.HostSettings());
        await using var backend = await RestBackendProcess.StartAsync();
        using var gatewayCpu = new CpuMeter("The gateway host", host.ProcessId);
        using var storageCpu = new CpuMeter("Azurite", azurite.ProcessId ?? throw new InvalidOperationException("Azurite is not running."));
        using var gateway = host.CreateClient();
        using var direct = new HttpClient { Timeout = gateway.Timeout };

        try
        {
            await RegisterToolAsync(gateway, backend.EchoUrl, cancellationToken);
            var rows = await MeasurePathsAsync(await PathsAsync(gateway, direct, backend.EchoUrl, cancellationToken), gatewayCpu, storageCpu, progress, cancellationToken);
            ResultTable.Write(output, rows, settings);
            return rows.Any(r => r.Measurement.Failures > 0 || r.Measurement.Completed == 0) ? 1 : 0;
        }
        catch (InvalidOperationException ex)
        {
            await progress.WriteLineAsync($"{ex.Message}\nThe gateway host's last output:\n{string.Join('\n', host.Output.Split('\n').TakeLast(40))}");
            return 1;
        }
    }

    /// <summary>Warms every path up, then measures each at each concurrency level.</summary>
    private async Task<IReadOnlyList<ResultRow>> MeasurePathsAsync(
        IReadOnlyList<CallPath> paths, CpuMeter gatewayCpu, CpuMeter storageCpu, TextWriter progress, CancellationToken cancellationToken)
    {
        foreach (var path in paths)
        {
            await progress.WriteLineAsync($"{path.Name}: warm-up, {settings.Warmup} requests at concurrency {settings.ConcurrencyLevels.Max()}");
            await LoadGenerator.RunAsync(path.Send, settings.Warmup, settings.ConcurrencyLevels.Max(), settings.WarmupShare(paths.Count), cancellationToken);
        }

        // The JIT compiles what the warm-up made hot in the background; measuring before it is done charges it to the first path.
        await Task.Delay(SettleTime, cancellationToken);
        var share = settings.MeasurementShare(paths.Count);
        var rows = new List<ResultRow>();
        foreach (var concurrency in settings.ConcurrencyLevels)
        {
            foreach (var path in paths)
            {
                await progress.WriteLineAsync($"{path.Name}, concurrency {concurrency}: {settings.Requests} requests within {share.TotalSeconds:F1} s");
                var (gatewayBefore, storageBefore) = (gatewayCpu.Used, storageCpu.Used);
                var measurement = await LoadGenerator.RunAsync(path.Send, settings.Requests, concurrency, share, cancellationToken);
                measurement.GatewayCpu = gatewayCpu.Used - gatewayBefore;
                measurement.StorageCpu = storageCpu.Used - storageBefore;
                rows.Add(new ResultRow(path, concurrency, measurement));
            }
        }

        return rows;
    }

    private static async Task RegisterToolAsync(HttpClient gateway, Uri echo, CancellationToken cancellationToken)
    {
        var tool = new JsonObject
        {
            ["name"] = ToolName,
            ["url"] = echo.ToString(),
            ["request_type"] = "POST",
            ["integration_type"] = "REST",
            ["input_schema"] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject { ["message"] = new JsonObject { ["type"] = "string" }, ["count"] = new JsonObject { ["type"] = "integer" } },
            },
        };
        using var response = await gateway.PostAsync("tools", new StringContent(tool.ToJsonString(), Encoding.UTF8, "application/json"), cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"POST /tools answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    /// <summary>The three paths, each checked once to return the echoed arguments before it is measured.</summary>
    private static async Task<IReadOnlyList<CallPath>> PathsAsync(HttpClient gateway, HttpClient direct, Uri echo, CancellationToken cancellationToken)
    {
        var body = Arguments.ToJsonString();

        async Task<string?> CallDirectAsync(long number, CancellationToken token)
        {
            using var response = await direct.PostAsync(echo, new StringContent(body, Encoding.UTF8, "application/json"), token);
            var text = await response.Content.ReadAsStringAsync(token);
            return response.StatusCode == HttpStatusCode.OK ? null : $"{(int)response.StatusCode}: {text}";
        }

        using (var response = await direct.PostAsync(echo, new StringContent(body, Encoding.UTF8, "application/json"), cancellationToken))
        {
            ExpectEcho("The echo endpoint", await response.Content.ReadAsStringAsync(cancellationToken));
        }

        var stateless = StreamableHttpToolCaller.CreateStateless(gateway, ToolName, Arguments);
        var session = await StreamableHttpToolCaller.OpenSessionAsync(gateway, ToolName, Arguments, cancellationToken);
        ExpectEcho("tools/call (stateless)", await stateless.CallForTextAsync(cancellationToken));
        ExpectEcho("tools/call (session)", await session.CallForTextAsync(cancellationToken));
        return
        [
            new CallPath("direct HttpClient → echo", IsBaseline: true, CallDirectAsync),
            new CallPath($"gateway tools/call {StreamableHttpToolCaller.StatelessRevision} stateless", IsBaseline: false, stateless.CallAsync),
            new CallPath($"gateway tools/call {StreamableHttpToolCaller.SessionRevision} session", IsBaseline: false, session.CallAsync),
        ];
    }

    private static void ExpectEcho(string what, string text)
    {
        if (!JsonNode.DeepEquals(JsonNode.Parse(text), Arguments))
        {
            throw new InvalidOperationException($"{what} did not return the arguments it was sent: {text}");
        }
    }
}
