using ModelContextProtocol.Client;

namespace McpGateway.Shared.Upstreams.Mcp;

/// <summary>A live client session with an upstream MCP server, and where and how it was reached.</summary>
public sealed record UpstreamConnection(McpClient Client, Uri Endpoint, string Transport) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Client.DisposeAsync();
}
