using McpGateway.Shared.Federation;
using Microsoft.Azure.Functions.Worker;

namespace McpGateway.Functions;

/// <summary>
/// Federation's timers. They fire every minute on every instance; the jobs' lease runs the work once per
/// FEDERATION_SYNC_INTERVAL / HEALTH_CHECK_INTERVAL across the whole app.
/// </summary>
public sealed class FederationTimers(FederationJobs jobs)
{
    private const string EveryMinute = "0 */1 * * * *";

    [Function("federation-sync")]
    public Task Sync([TimerTrigger(EveryMinute)] TimerInfo timer, CancellationToken cancellationToken) => jobs.SyncAllAsync(cancellationToken);

    [Function("federation-health")]
    public Task Health([TimerTrigger(EveryMinute)] TimerInfo timer, CancellationToken cancellationToken) => jobs.CheckHealthAsync(cancellationToken);
}
