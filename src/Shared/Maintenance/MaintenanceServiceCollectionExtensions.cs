using Microsoft.Extensions.DependencyInjection;

namespace McpGateway.Shared.Maintenance;

public static class MaintenanceServiceCollectionExtensions
{
    /// <summary>The jobs that keep storage within its retention; each host runs them from its own timer.</summary>
    public static IServiceCollection AddGatewayMaintenance(this IServiceCollection services) => services.AddSingleton<RetentionJob>();
}
