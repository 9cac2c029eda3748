using McpGateway.Shared.Maintenance;

namespace McpGateway.Host;

/// <summary>The container host's clock for the retention job, as the Functions app's TimerTrigger is: a turn every minute, the job's lease decides.</summary>
public sealed class MaintenanceTimerService(RetentionJob retention, TimeProvider time, ILogger<MaintenanceTimerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RetentionJob.Interval, time);
        do
        {
            try
            {
                await retention.RunWhenDueAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Storage misbehaving must not stop the clock; the next tick tries again.
                logger.LogWarning(ex, "The retention job failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
