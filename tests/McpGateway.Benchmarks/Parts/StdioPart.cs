using System.Globalization;
using System.Text.Json.Nodes;
using ModelContextProtocol.Client;

namespace McpGateway.Benchmarks.Parts;

/// <summary>
/// server-everything's <c>echo</c> over stdio at 8 connections: called directly with the C# SDK's client on its
/// stdio, through the gateway (a stdio peer, 2026-07-28), through supergateway (stateful Streamable HTTP, one
/// 2025-11-25 session: its stateless mode starts a server per request) and through mcp-proxy (2026-07-28).
/// </summary>
public sealed class StdioPart : IBenchmarkPart
{
    private const string PeerName = "benchstdio";
    private const string Tool = "echo";

    private static readonly TimeSpan StartAllowance = TimeSpan.FromSeconds(60);

    private static readonly JsonObject Arguments = new() { ["message"] = "hello from the benchmark" };

    public BenchmarkSection Section => BenchmarkSection.Stdio;

    public TimeSpan Budget(BenchmarkSettings settings) => StartAllowance + BenchmarkContext.ComparisonTime(settings, 4, 1);

    public async Task<IReadOnlyList<ResultRow>> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        await context.Progress.WriteLineAsync("Starting server-everything over stdio, supergateway and mcp-proxy, and registering the stdio peer...");
        var command = NodeTools.ServerCommand;
        await using var client = await McpClient.CreateAsync(
            new StdioClientTransport(new StdioClientTransportOptions { Name = "server-everything", Command = command[0], Arguments = command.Skip(1).ToList() }),
            cancellationToken: cancellationToken);
        await using var supergateway = await ListeningProcess.StartSupergatewayAsync();
        await using var mcpProxy = await ListeningProcess.StartMcpProxyAsync();
        using var supergatewayCpu = new CpuMeter("supergateway", supergateway.ProcessId);
        using var mcpProxyCpu = new CpuMeter("mcp-proxy", mcpProxy.ProcessId);
        using var supergatewayClient = new HttpClient { BaseAddress = supergateway.BaseAddress, Timeout = context.Direct.Timeout };
        using var mcpProxyClient = new HttpClient { BaseAddress = mcpProxy.BaseAddress, Timeout = context.Direct.Timeout };
        await context.Gateway.CreateOrFailAsync(
            "gateways",
            new JsonObject { ["name"] = PeerName, ["transport"] = "STDIO", ["command"] = command[0], ["args"] = new JsonArray(command.Skip(1).Select(a => (JsonNode?)a).ToArray()) },
            cancellationToken);

        var arguments = Arguments.ToDictionary(a => a.Key, a => (object?)a.Value!.GetValue<string>());
        var direct = new CallPath("stdio echo, direct (SDK client on the server's stdio)", async (_, token) =>
        {
            var result = await client.CallToolAsync(Tool, arguments, cancellationToken: token);
            return result.IsError == true ? "isError: " + string.Join(' ', result.Content) : null;
        });
        var gateway = context.Gateway.ToolCallPath("stdio echo via gateway (stdio peer, 2026-07-28)", $"{PeerName}-{Tool}", Arguments);
        var viaSupergateway = new CallPath(
            "stdio echo via supergateway --stateful (2025-11-25 session)",
            (await StreamableHttpToolCaller.OpenSessionAsync(supergatewayClient, Tool, Arguments, cancellationToken)).CallAsync,
            supergatewayCpu);
        var viaMcpProxy = new CallPath("stdio echo via mcp-proxy (2026-07-28)", StreamableHttpToolCaller.CreateStateless(mcpProxyClient, Tool, Arguments).CallAsync, mcpProxyCpu);

        const int Connections = BenchmarkSettings.StdioConcurrency;
        var measured = await context.CompareAsync([direct, gateway, viaSupergateway, viaMcpProxy], [Connections], cancellationToken);
        var (baseline, ours, others) = (measured[(direct.Name, Connections)], measured[(gateway.Name, Connections)], new[] { measured[(viaSupergateway.Name, Connections)], measured[(viaMcpProxy.Name, Connections)] });
        var ahead = ours.Throughput >= others.Max(o => o.Throughput) && ours.PercentileMilliseconds(50) <= others.Min(o => o.PercentileMilliseconds(50));
        var figure = string.Create(CultureInfo.InvariantCulture,
            $"{ours.Throughput:F0} vs {string.Join('/', others.Select(o => o.Throughput.ToString("F0", CultureInfo.InvariantCulture)))} req/s, p50 {ours.PercentileMilliseconds(50):F2} vs {string.Join('/', others.Select(o => o.PercentileMilliseconds(50).ToString("F2", CultureInfo.InvariantCulture)))} ms");
        return
        [
            new ResultRow(direct.Name, Connections, baseline),
            new ResultRow(gateway.Name, Connections, ours, baseline, new Outcome("≥ supergateway and mcp-proxy in req/s and p50", ahead, figure)),
            new ResultRow(viaSupergateway.Name, Connections, others[0], baseline),
            new ResultRow(viaMcpProxy.Name, Connections, others[1], baseline),
        ];
    }
}
