namespace McpGateway.Shared.Protocol;

/// <summary>The reserved keys of <c>_meta</c> that 2026-07-28 requests and results carry (SEP-2575).</summary>
public static class McpMetaKeys
{
    public const string ProtocolVersion = "io.modelcontextprotocol/protocolVersion";
    public const string ClientCapabilities = "io.modelcontextprotocol/clientCapabilities";
    public const string ClientInfo = "io.modelcontextprotocol/clientInfo";
    public const string LogLevel = "io.modelcontextprotocol/logLevel";
    public const string ServerInfo = "io.modelcontextprotocol/serverInfo";
}
