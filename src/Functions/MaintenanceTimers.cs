using McpGateway.Shared.Maintenance;
using Microsoft.Azure.Functions.Worker;

namespace McpGateway.Functions;

/// <summary>The retention job's timer: it fires every minute on every instance; the job's lease runs it once a minute across the app.</summary>
public sealed class MaintenanceTimers(RetentionJob retention)
{
    [Function("maintenance-retention")]
    public Task Retention([TimerTrigger("0 */1 * * * *")] TimerInfo timer, CancellationToken cancellationToken) => retention.RunWhenDueAsync(cancellationToken);
}
