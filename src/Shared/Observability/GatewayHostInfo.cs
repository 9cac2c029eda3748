namespace McpGateway.Shared.Observability;

/// <summary>Which host serves this process ("functions" or "container"), reported by /version.</summary>
public sealed record GatewayHostInfo(string Name);
