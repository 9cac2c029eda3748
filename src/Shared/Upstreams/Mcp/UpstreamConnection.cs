using ModelContextProtocol.Client;

namespace McpGateway.Shared.Upstreams.Mcp;

/// <summary>
/// A live client session with an upstream MCP server, where and how it was reached, and the transport through which
/// what the upstream sends about a forwarded request reaches that request's caller.
/// </summary>
public sealed record UpstreamConnection(McpClient Client, Uri Endpoint, string Transport, ForwardingClientTransport Forwarding) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Client.DisposeAsync();
}
