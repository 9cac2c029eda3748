namespace McpGateway.Benchmarks;

/// <summary>The parts of the benchmark, each chosen by its name with <c>--only</c>.</summary>
public enum BenchmarkSection
{
    /// <summary>tools/call of a REST tool, direct and through the gateway, at every concurrency level.</summary>
    Rest,

    /// <summary>tools/call of a federated Streamable HTTP MCP tool, direct and through the gateway.</summary>
    Mcp,

    /// <summary>The REST tool call with a TCP latency proxy in front of storage.</summary>
    Storage,

    /// <summary>A stdio upstream direct, through the gateway, supergateway and mcp-proxy.</summary>
    Stdio,

    /// <summary>The gateway process's resident memory, idle and under load.</summary>
    Rss,

    /// <summary>GET /metrics before any call and after many.</summary>
    Metrics,

    /// <summary>tools/list pages and GET /tools with a large catalog.</summary>
    List,

    /// <summary>How long a write on one instance takes to be visible on another.</summary>
    Visibility,
}
