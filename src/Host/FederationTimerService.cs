using McpGateway.Shared.Configuration;
using McpGateway.Shared.Federation;
using Microsoft.Extensions.Options;

namespace McpGateway.Host;

/// <summary>
/// The container host's clock for federation: offers the sync and health jobs a turn every few seconds; their
/// lease decides whether an interval has passed (the Functions app does the same from TimerTriggers).
/// </summary>
public sealed class FederationTimerService(FederationJobs jobs, IOptions<FederationOptions> options, ILogger<FederationTimerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var shortest = Math.Min(settings.HealthCheckIntervalSeconds, settings.SyncIntervalSeconds);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Clamp(shortest / 2.0, 1, 30)));
        do
        {
            try
            {
                await jobs.CheckHealthAsync(stoppingToken);
                await jobs.SyncAllAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Storage or an upstream misbehaving must not stop the clock; the next tick tries again.
                logger.LogWarning(ex, "A federation job failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
