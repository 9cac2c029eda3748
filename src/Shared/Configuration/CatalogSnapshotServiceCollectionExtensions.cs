using McpGateway.Shared.Catalog.Gateways;
using McpGateway.Shared.Catalog.Prompts;
using McpGateway.Shared.Catalog.Resources;
using McpGateway.Shared.Catalog.Roots;
using McpGateway.Shared.Catalog.Servers;
using McpGateway.Shared.Catalog.Snapshot;
using McpGateway.Shared.Catalog.Tools;
using McpGateway.Shared.Protocol;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace McpGateway.Shared.Configuration;

public static class CatalogSnapshotServiceCollectionExtensions
{
    /// <summary>
    /// This instance's in-memory catalog: every kind's snapshot source, the follower that loads them at start and
    /// keeps them current from the event log, the cache of large resource content, and the MCP view over them.
    /// </summary>
    public static IServiceCollection AddCatalogSnapshot(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedSettings<CatalogSnapshotOptions>(configuration);
        services.AddSingleton<ContentCache>();
        services.AddSingleton<CatalogFollower>();
        services.AddSingleton<ICatalogReadiness>(provider => provider.GetRequiredService<CatalogFollower>());
        services.AddSingleton(provider => provider.GetRequiredService<ToolService>().SnapshotSource);
        services.AddSingleton(provider => provider.GetRequiredService<ResourceService>().SnapshotSource);
        services.AddSingleton(provider => provider.GetRequiredService<PromptService>().SnapshotSource);
        services.AddSingleton(provider => provider.GetRequiredService<ServerService>().SnapshotSource);
        services.AddSingleton(provider => provider.GetRequiredService<PeerGatewayService>().SnapshotSource);
        services.AddSingleton(provider => provider.GetRequiredService<RootService>().SnapshotSource);
        services.AddSingleton<McpCatalog>();
        services.AddSingleton<ICatalogSnapshot>(provider => provider.GetRequiredService<McpCatalog>());
        services.AddHostedService<CatalogSnapshotStartup>();
        return services;
    }
}
