using System.Text.Json.Nodes;

namespace McpGateway.Benchmarks.Parts;

/// <summary>
/// tools/call of a federated MCP tool (2026-07-28): the reference upstream (tests/McpGateway.ConformanceUpstream) over
/// Streamable HTTP, called directly and through the gateway, at every level.
/// </summary>
public sealed class McpToolPart : IBenchmarkPart
{
    private const string PeerName = "benchmcp";
    private const string UpstreamTool = "test_simple_text";

    private static readonly TimeSpan StartAllowance = TimeSpan.FromSeconds(30);

    public BenchmarkSection Section => BenchmarkSection.Mcp;

    public TimeSpan Budget(BenchmarkSettings settings) => StartAllowance + BenchmarkContext.ComparisonTime(settings, 2, settings.ConcurrencyLevels.Count);

    public async Task<IReadOnlyList<ResultRow>> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        await context.Progress.WriteLineAsync("Starting the MCP upstream (tests/McpGateway.ConformanceUpstream) and federating it...");
        await using var upstream = await ListeningProcess.StartConformanceUpstreamAsync();
        using var upstreamClient = new HttpClient { BaseAddress = upstream.BaseAddress, Timeout = context.Direct.Timeout };
        await context.Gateway.CreateOrFailAsync("gateways", new JsonObject { ["name"] = PeerName, ["url"] = upstream.BaseAddress.ToString(), ["transport"] = "STREAMABLEHTTP" }, cancellationToken);

        var direct = new CallPath("MCP tool (Streamable HTTP upstream), direct", StreamableHttpToolCaller.CreateStateless(upstreamClient, UpstreamTool, []).CallAsync);
        var gateway = context.Gateway.ToolCallPath("MCP tool via gateway (federated, 2026-07-28)", $"{PeerName}-{UpstreamTool}", []);
        var levels = context.Settings.ConcurrencyLevels;
        var measured = await context.CompareAsync([direct, gateway], levels, cancellationToken);
        return levels.SelectMany(level => new[]
        {
            new ResultRow(direct.Name, level, measured[(direct.Name, level)]),
            new ResultRow(gateway.Name, level, measured[(gateway.Name, level)], measured[(direct.Name, level)]),
        }).ToList();
    }
}
