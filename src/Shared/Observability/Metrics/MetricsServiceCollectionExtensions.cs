using McpGateway.Shared.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace McpGateway.Shared.Observability.Metrics;

public static class MetricsServiceCollectionExtensions
{
    /// <summary>Per-item metrics counted in memory, with the background flush that stores and shares them.</summary>
    public static IServiceCollection AddGatewayMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedSettings<MetricsOptions>(configuration);
        services.AddSingleton(new MetricsLedger(Guid.NewGuid().ToString("N")[..16]));
        services.AddSingleton<MetricsRollupTable>();
        services.AddSingleton<MetricsStore>();
        services.AddSingleton<MetricsFlusher>();
        services.AddHostedService(provider => provider.GetRequiredService<MetricsFlusher>());
        return services;
    }
}
