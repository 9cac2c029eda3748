using McpGateway.Shared.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace McpGateway.Shared.Upstreams.Outbound;

public static class OutboundServiceCollectionExtensions
{
    /// <summary>Registers the outbound policy with its SSRF_* settings, validated at start-up.</summary>
    public static IServiceCollection AddOutboundPolicy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedSettings<OutboundOptions>(configuration);
        return services.AddOutboundPolicyServices();
    }

    /// <summary>
    /// Makes every connection of the client, redirects included, go through the outbound policy. For the clients
    /// that call upstreams for callers only: the gateway's own storage and SignalR clients do not use it.
    /// </summary>
    public static IHttpClientBuilder UseOutboundPolicy(this IHttpClientBuilder builder)
    {
        builder.Services.AddOutboundPolicyServices();
        return builder.ConfigurePrimaryHttpMessageHandler(services => services.GetRequiredService<OutboundConnector>().CreateHandler());
    }

    private static IServiceCollection AddOutboundPolicyServices(this IServiceCollection services)
    {
        services.TryAddSingleton<OutboundPolicy>();
        services.TryAddSingleton<OutboundConnector>();
        services.TryAddSingleton<IOutboundNameResolver>(provider =>
            provider.GetRequiredService<IOptions<OutboundOptions>>().Value.HostsFile is { Length: > 0 } hostsFile
                ? new HostsFileNameResolver(hostsFile, new DnsNameResolver())
                : new DnsNameResolver());
        return services;
    }
}
