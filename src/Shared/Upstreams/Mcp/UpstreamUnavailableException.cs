namespace McpGateway.Shared.Upstreams.Mcp;

/// <summary>An upstream MCP server could not be connected to; the message says which endpoints were tried and why.</summary>
public sealed class UpstreamUnavailableException(string message) : Exception(message);
