using System.Globalization;
using McpGateway.Testing;

namespace McpGateway.Benchmarks;

/// <summary>A server the benchmark starts as a process of its own on a free 127.0.0.1 port, stopped (with its children) on dispose.</summary>
public sealed class ListeningProcess : IAsyncDisposable
{
    private readonly ChildProcess process;

    private ListeningProcess(ChildProcess process, int port)
    {
        this.process = process;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri BaseAddress { get; }

    public int ProcessId => process.Id;

    /// <summary>The reference MCP upstream (tests/McpGateway.ConformanceUpstream) over Streamable HTTP at <c>/mcp</c>.</summary>
    public static Task<ListeningProcess> StartConformanceUpstreamAsync()
    {
        var assembly = RepositoryPaths.Combine("tests", "McpGateway.ConformanceUpstream", "bin", RepositoryPaths.Configuration, "net10.0", "McpGateway.ConformanceUpstream.dll");
        return StartAsync("The conformance upstream", "dotnet", port => [assembly, "--urls", $"http://127.0.0.1:{port}"]);
    }

    /// <summary>supergateway fronting the stdio server over Streamable HTTP at <c>/mcp</c>, stateful (one server process per session).</summary>
    public static Task<ListeningProcess> StartSupergatewayAsync() =>
        StartAsync("supergateway", NodeTools.Node, port =>
        [
            NodeTools.Supergateway, "--stdio", string.Join(' ', NodeTools.ServerCommand.Select(part => $"\"{part}\"")),
            "--outputTransport", "streamableHttp", "--stateful", "--port", Invariant(port), "--logLevel", "none",
        ]);

    /// <summary>mcp-proxy fronting the stdio server (one process for every client) over Streamable HTTP at <c>/mcp</c>.</summary>
    public static Task<ListeningProcess> StartMcpProxyAsync() =>
        StartAsync("mcp-proxy", NodeTools.Node, port =>
            [NodeTools.McpProxy, "--host", "127.0.0.1", "--port", Invariant(port), "--server", "stream", "--", .. NodeTools.ServerCommand]);

    private static async Task<ListeningProcess> StartAsync(string what, string fileName, Func<int, IEnumerable<string>> arguments)
    {
        var port = FreePorts.Take(1)[0];
        var process = ChildProcess.Start(fileName, arguments(port), new Dictionary<string, string?>());
        try
        {
            await FreePorts.WaitForListenerAsync(port, TimeSpan.FromSeconds(60), () => process.HasExited);
        }
        catch (Exception ex)
        {
            var output = process.Output;
            await process.DisposeAsync();
            throw new InvalidOperationException($"{what} did not start:\n{output}", ex);
        }

        return new ListeningProcess(process, port);
    }

    private static string Invariant(int port) => port.ToString(CultureInfo.InvariantCulture);

    public ValueTask DisposeAsync() => process.DisposeAsync();
}
