using McpGateway.Testing;

namespace McpGateway.Benchmarks;

/// <summary>
/// The node programs of the stdio rows, installed by <c>npm ci --prefix tools</c>: the server
/// (<c>@modelcontextprotocol/server-everything</c>) and the two proxies the gateway is compared with.
/// </summary>
public static class NodeTools
{
    private static readonly string Modules = RepositoryPaths.Combine("tools", "node_modules");

    /// <summary>tools/' Node.js 22 where it is installed (Linux x64), else the node on the PATH.</summary>
    public static string Node { get; } = File.Exists(Path.Combine(Modules, ".bin", "node")) ? Path.Combine(Modules, ".bin", "node") : "node";

    public static string ServerEverything => Script("@modelcontextprotocol", "server-everything", "dist", "index.js");

    public static string Supergateway => Script("supergateway", "dist", "index.js");

    public static string McpProxy => Script("mcp-proxy", "dist", "bin", "mcp-proxy.mjs");

    /// <summary>The server's command line, as each proxy and the gateway start it.</summary>
    public static IReadOnlyList<string> ServerCommand => [Node, ServerEverything, "stdio"];

    private static string Script(params string[] parts)
    {
        var path = Path.Combine([Modules, .. parts]);
        return File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing: run 'npm ci --prefix tools' (scripts/bench.sh does).");
    }
}
