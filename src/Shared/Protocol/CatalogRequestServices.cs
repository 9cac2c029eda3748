using McpGateway.Shared.Catalog.Prompts;
using McpGateway.Shared.Catalog.Resources;
using McpGateway.Shared.Catalog.Tools;
using McpGateway.Shared.Federation;
using McpGateway.Shared.Observability;
using McpGateway.Shared.Transports.StreamableHttp;

namespace McpGateway.Shared.Protocol;

/// <summary>The services the MCP request handlers work with, resolved once and shared by every request.</summary>
public sealed record CatalogRequestServices(
    ICatalogSnapshot Catalog,
    ToolCallService ToolCalls,
    ResourceService Resources,
    PromptService Prompts,
    CompletionProvider Completions,
    McpSessionStore Sessions,
    FederatedCalls Federated,
    FederatedSubscriptions Subscriptions,
    MetricsStore Metrics);
