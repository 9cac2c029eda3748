using System.Runtime.CompilerServices;
using McpGateway.Shared.Configuration;
using McpGateway.Shared.Observability;
using McpGateway.Shared.Transports;
using McpGateway.Shared.Transports.StreamableHttp;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpGateway.Shared.Protocol;

/// <summary>
/// Options for the SDK's server core serving one request: the gateway's identity and capabilities, and
/// handlers over the catalog scope the endpoint exposes. A stateless request's options depend on its scope alone,
/// so they are made once per scope and shared by the server cores serving it, which only read them.
/// </summary>
public sealed class McpServerFactory(CatalogRequestServices services, IOptions<ApiOptions> api, StorageOutageResponder storageOutage)
{
    private readonly ConditionalWeakTable<CatalogScope, McpServerOptions> statelessOptions = [];

    /// <summary>The gateway's identity, as every server core gives it.</summary>
    public Implementation ServerInfo { get; } = new() { Name = api.Value.AppName, Version = SystemRoutes.Version };

    /// <param name="sessionId">The session being served, or null for a stateless (2026-07-28) request.</param>
    /// <param name="session">The stored session, once its initialize has been served.</param>
    public McpServerOptions CreateOptions(CatalogScope scope, string? sessionId, McpSession? session) =>
        sessionId is null && session is null
            ? statelessOptions.GetValue(scope, stateless => Build(stateless, sessionId: null, session: null))
            : Build(scope, sessionId, session);

    private McpServerOptions Build(CatalogScope scope, string? sessionId, McpSession? session) => new()
    {
        ServerInfo = ServerInfo,
        Capabilities = new ServerCapabilities
        {
            Tools = new ToolsCapability { ListChanged = true },
            // 2026-07-28 has no resources/subscribe (subscriptions/listen replaces it), so only sessions offer it.
            Resources = new ResourcesCapability { Subscribe = sessionId is not null ? true : null, ListChanged = true },
            Prompts = new PromptsCapability { ListChanged = true },
            Completions = new CompletionsCapability(),
            Logging = new LoggingCapability(),
        },
        Handlers = new CatalogRequestHandlers(scope, sessionId, session?.LogLevel, services).Create(),
        KnownClientInfo = session?.Initialize.ClientInfo,
        KnownClientCapabilities = session?.Initialize.Capabilities,
        ScopeRequests = false,
        Filters = new McpServerFilters { Message = new McpMessageFilters { IncomingFilters = [storageOutage.Filter] } },
    };
}
