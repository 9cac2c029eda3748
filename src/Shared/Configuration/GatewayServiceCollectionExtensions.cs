using McpGateway.Shared.Admin;
using McpGateway.Shared.Auth;
using McpGateway.Shared.Catalog;
using McpGateway.Shared.Catalog.Credentials;
using McpGateway.Shared.Catalog.Exchange;
using McpGateway.Shared.Catalog.Gateways;
using McpGateway.Shared.Catalog.Prompts;
using McpGateway.Shared.Catalog.Resources;
using McpGateway.Shared.Catalog.Roots;
using McpGateway.Shared.Catalog.Servers;
using McpGateway.Shared.Catalog.Tools;
using McpGateway.Shared.Federation;
using McpGateway.Shared.Http;
using McpGateway.Shared.Maintenance;
using McpGateway.Shared.Notifications;
using McpGateway.Shared.Observability;
using McpGateway.Shared.Observability.Metrics;
using McpGateway.Shared.Prompts;
using McpGateway.Shared.Protocol;
using McpGateway.Shared.Storage;
using McpGateway.Shared.Transports;
using McpGateway.Shared.Transports.Rpc;
using McpGateway.Shared.Transports.StreamableHttp;
using McpGateway.Shared.Upstreams.Mcp;
using McpGateway.Shared.Upstreams.Outbound;
using McpGateway.Shared.Upstreams.Rest;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace McpGateway.Shared.Configuration;

public static class GatewayServiceCollectionExtensions
{
    /// <summary>Registers the host-agnostic gateway: settings (validated at start-up), storage, catalog, auth and routes.</summary>
    public static IServiceCollection AddGatewayCore(this IServiceCollection services, IConfiguration configuration, string hostName)
    {
        services.AddValidatedSettings<ApiOptions>(configuration);
        services.AddValidatedSettings<AuthOptions>(configuration);
        services.AddValidatedSettings<StorageOptions>(configuration);
        services.AddValidatedSettings<ResourceOptions>(configuration);
        services.AddValidatedSettings<PromptOptions>(configuration);
        services.AddValidatedSettings<ToolOptions>(configuration);
        services.AddValidatedSettings<AdminOptions>(configuration);

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(new GatewayHostInfo(hostName));
        services.AddSingleton(_ => StorageClients.FromConfiguration(configuration));
        services.AddSingleton<CatalogStorage>();
        services.AddGatewayMetrics(configuration);
        services.AddGatewayNotifications(configuration);

        services.AddSingleton<SecretProtector>();
        services.AddSingleton<TokenService>();
        services.AddSingleton<SignOutLog>();
        services.AddSingleton<SignedOutSessions>();
        services.AddHostedService(provider => provider.GetRequiredService<SignedOutSessions>());
        services.AddSingleton<AdminSession>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<GatewayAuthenticator>();
        services.AddSingleton<AuthCodec>();

        services.AddOutboundPolicy(configuration);
        services.AddSingleton<ToolService>();
        services.AddSingleton<ResourceService>();
        services.AddSingleton<PromptRenderer>();
        services.AddSingleton<PromptService>();
        services.AddSingleton<RootService>();
        services.AddSingleton<ICatalogReader>(provider => provider.GetRequiredService<ToolService>());
        services.AddSingleton<ICatalogReader>(provider => provider.GetRequiredService<ResourceService>());
        services.AddSingleton<ICatalogReader>(provider => provider.GetRequiredService<PromptService>());
        services.AddSingleton<ServerService>();
        services.AddSingleton<StdioCommandAllowList>();
        services.AddSingleton<PeerGatewayService>();
        services.AddCatalogSnapshot(configuration);

        services.AddSingleton<ToolArgumentValidator>();
        services.AddRestToolInvoker();
        services.AddSingleton<ToolCallService>();

        services.AddValidatedSettings<FederationOptions>(configuration);
        services.AddTransient<PassthroughHeadersHandler>();
        services.AddTransient<SseErrorBodyHandler>();
        services.AddHttpClient(UpstreamConnector.HttpClientName)
            .UseOutboundPolicy()
            .AddHttpMessageHandler<PassthroughHeadersHandler>()
            .AddHttpMessageHandler<SseErrorBodyHandler>();
        services.AddSingleton<UpstreamConnector>();
        services.AddSingleton<SessionUpstreamPool>();
        services.AddSingleton<UpstreamClientPool>();
        services.AddSingleton<UpstreamPipelines>();
        services.AddSingleton<FederatedNames>();
        services.AddSingleton<FederationSync>();
        services.AddSingleton<FederatedCalls>();
        services.AddSingleton<ParkedCalls>();
        services.AddSingleton<FederatedSubscriptions>();
        services.AddSingleton<JobLease>();
        services.AddSingleton<FederationJobs>();
        services.AddGatewayMaintenance();

        services.AddValidatedSettings<SecurityOptions>(configuration);
        services.AddSingleton<CompletionProvider>();
        services.AddSingleton<CatalogRequestServices>();
        services.AddSingleton<StorageOutageResponder>();
        services.AddSingleton<McpServerFactory>();
        services.AddValidatedSettings<McpSessionOptions>(configuration);
        services.AddSingleton<McpSessionStore>();
        services.AddSingleton<SessionNotifications>();
        services.AddSingleton<InFlightRequests>();
        services.AddSingleton<OriginPolicy>();
        services.AddSingleton<McpRequestServer>();
        services.AddSingleton<RestToolShortcut>();
        services.AddSingleton<StreamableHttpEndpoint>();
        services.AddSingleton<RpcEndpoint>();

        services.AddSingleton<CatalogExchange>();
        services.AddSingleton<AdminUiAssets>();

        services.AddSingleton<RouteDispatcher>();
        return services;
    }

    internal static void AddValidatedSettings<T>(this IServiceCollection services, IConfiguration configuration)
        where T : class
    {
        services.AddOptions<T>()
            .Bind(configuration)
            .ValidateDataAnnotations()
            .ValidateOnStart();
    }
}
