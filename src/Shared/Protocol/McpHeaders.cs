namespace McpGateway.Shared.Protocol;

/// <summary>HTTP header names of the Streamable HTTP transport.</summary>
public static class McpHeaders
{
    public const string SessionId = "Mcp-Session-Id";
    public const string ProtocolVersion = "MCP-Protocol-Version";
    public const string Method = "Mcp-Method";
    public const string Name = "Mcp-Name";
    public const string LastEventId = "Last-Event-ID";
}
