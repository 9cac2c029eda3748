using Microsoft.AspNetCore.DataProtection;
using ModelContextProtocol.Protocol;

namespace McpGateway.ConformanceUpstream;

public static class ConformanceUpstreamServiceCollectionExtensions
{
    /// <summary>The MCP server with every tool, resource and prompt of the conformance suite, on any transport.</summary>
    public static IMcpServerBuilder AddConformanceUpstream(this IServiceCollection services)
    {
        // Protects the requestState of multi round-trip tools, so a tampered state is refused (SEP-2322). The keys live
        // as long as the process: a state outlives neither it nor a restart, and nothing is written to disk.
        services.AddSingleton<IDataProtectionProvider, EphemeralDataProtectionProvider>();
        return services
            .AddMcpServer(options => options.ServerInfo = new Implementation { Name = "mcpgateway-conformance-upstream", Version = "1.0.0" })
            .WithTools<ConformanceTools>()
            .WithTools<InputRequiredTools>()
            .WithTools([ConformanceTools.JsonSchema202012Tool])
            .WithResources<ConformanceResources>()
            .WithPrompts<ConformancePrompts>()
            .WithCompleteHandler(Completions.CompleteAsync)
            // Nothing here ever changes, so a subscription has nothing to deliver: accepting it is the whole job.
            .WithSubscribeToResourcesHandler((_, _) => ValueTask.FromResult(new EmptyResult()))
            .WithUnsubscribeFromResourcesHandler((_, _) => ValueTask.FromResult(new EmptyResult()))
            .WithRequestFilters(CachingHints.Add)
            .WithRequestFilters(ConformanceResources.NameUnknownUris);
    }
}
