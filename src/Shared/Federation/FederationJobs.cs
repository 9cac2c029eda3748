using System.Text.Json.Nodes;
using McpGateway.Shared.Catalog;
using McpGateway.Shared.Catalog.Gateways;
using McpGateway.Shared.Configuration;
using McpGateway.Shared.Http;
using McpGateway.Shared.Notifications;
using McpGateway.Shared.Observability;
using McpGateway.Shared.Protocol;
using McpGateway.Shared.Storage;
using McpGateway.Shared.Upstreams.Mcp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;

namespace McpGateway.Shared.Federation;

/// <summary>
/// The periodic federation work, one class for both hosts (a Functions TimerTrigger, the container host's
/// background service): registering FEDERATION_PEERS, syncing every peer each FEDERATION_SYNC_INTERVAL and
/// pinging each HEALTH_CHECK_INTERVAL. A <see cref="JobLease"/> makes instances that fire together do it once.
/// </summary>
public sealed class FederationJobs(
    PeerGatewayService gateways,
    FederationSync sync,
    UpstreamClientPool pool,
    JobLease lease,
    MetricsStore metrics,
    EventPublisher events,
    IOptions<FederationOptions> options,
    TimeProvider time,
    ILogger<FederationJobs> logger)
{
    public const string SyncJob = "federation-sync";
    public const string HealthJob = "federation-health";

    /// <returns>The reports of the syncs run, or none when another instance had the turn.</returns>
    public async Task<IReadOnlyList<SyncReport>> SyncAllAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled || !await lease.TryClaimAsync(SyncJob, TimeSpan.FromSeconds(settings.SyncIntervalSeconds), cancellationToken).ConfigureAwait(false))
        {
            return [];
        }

        await RegisterConfiguredPeersAsync(settings.ParsePeers(), cancellationToken).ConfigureAwait(false);
        var reports = new List<SyncReport>();
        foreach (var gateway in await ActiveAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                reports.Add(await sync.SyncAsync(gateway.Id, failOnConflict: false, cancellationToken).ConfigureAwait(false));
            }
            catch (UpstreamUnavailableException ex)
            {
                logger.LogWarning("Sync of gateway {Gateway} failed: {Reason}", gateway.Name, ex.Message);
            }
        }

        return reports;
    }

    /// <summary>Pings every enabled peer; UNHEALTHY_THRESHOLD failures in a row make it unreachable, one success brings it back.</summary>
    public async Task<bool> CheckHealthAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled || !await lease.TryClaimAsync(HealthJob, TimeSpan.FromSeconds(settings.HealthCheckIntervalSeconds), cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        foreach (var gateway in await ActiveAsync(cancellationToken).ConfigureAwait(false))
        {
            var started = time.GetTimestamp();
            var failure = await PingAsync(gateway, TimeSpan.FromSeconds(settings.HealthCheckTimeoutSeconds), cancellationToken).ConfigureAwait(false);

            // Each check is kept as a "gateway" metric: the peer's health history (GET /metrics/history?entity=gateway&id=...).
            await metrics.RecordAsync(CatalogKind.Gateways.Singular, gateway.Id, failure is null, time.GetElapsedTime(started), cancellationToken).ConfigureAwait(false);
            var now = time.GetUtcNow();
            var updated = await gateways.Table.UpdateAsync(gateway.Id, entry => failure is null
                ? entry.Document with { ConsecutiveFailures = 0, Reachable = true, LastSeen = now, LastError = null }
                : entry.Document with
                {
                    ConsecutiveFailures = entry.Document.ConsecutiveFailures + 1,
                    Reachable = entry.Document.ConsecutiveFailures + 1 < settings.UnhealthyThreshold && entry.Document.Reachable,
                    LastError = failure,
                }, cancellationToken).ConfigureAwait(false);

            if (failure is not null)
            {
                logger.LogInformation("Health check of gateway {Gateway} failed ({Failures} in a row): {Reason}", gateway.Name, updated.Document.ConsecutiveFailures, failure);
                await pool.EvictAsync(gateway.Id).ConfigureAwait(false);
            }

            if (updated.Document.Reachable != gateway.Reachable)
            {
                logger.LogWarning("Gateway {Gateway} is now {State}", gateway.Name, updated.Document.Reachable ? "reachable" : "unreachable");
                await events.PublishAsync(EventTypes.GatewayHealth, CatalogKind.Gateways.Singular, gateway.Id, new JsonObject
                {
                    ["name"] = gateway.Name,
                    ["reachable"] = updated.Document.Reachable,
                    ["lastError"] = updated.Document.LastError,
                }).ConfigureAwait(false);
            }
        }

        return true;
    }

    /// <returns>Null when the peer answered in time, else why not.</returns>
    /// <remarks>
    /// The timeout bounds the ping, not the wait for a connection that is being made (its connect has its own bound):
    /// a connection that came up slowly, under load, is not evicted as unhealthy while its first callers use it.
    /// </remarks>
    private async Task<string?> PingAsync(PeerGatewayRecord gateway, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            var client = (await pool.GetAsync(gateway, cancellationToken).ConfigureAwait(false)).Client;
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            if (ProtocolRevisions.IsStateless(client.NegotiatedProtocolVersion))
            {
                // 2026-07-28 removed ping; one page of the tool list is the cheapest request every server answers.
                await client.ListToolsAsync(new ListToolsRequestParams(), deadline.Token).ConfigureAwait(false);
            }
            else
            {
                await client.PingAsync(cancellationToken: deadline.Token).ConfigureAwait(false);
            }

            return null;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return ex is OperationCanceledException ? $"No answer to ping within {timeout.TotalSeconds:0} s." : ex.Message;
        }
    }

    private async Task RegisterConfiguredPeersAsync(IReadOnlyList<string> peers, CancellationToken cancellationToken)
    {
        foreach (var url in peers)
        {
            try
            {
                var name = "peer-" + new Uri(url).Authority.Replace(':', '-');
                var entry = await gateways.CreateAsync(new PeerGatewayInput { Name = name, Url = url }, cancellationToken).ConfigureAwait(false);
                logger.LogInformation("Registered FEDERATION_PEERS entry {Url} as gateway {Name}", url, entry.Document.Name);
            }
            catch (UniqueKeyConflictException)
            {
                // Already registered (by an earlier start or another instance).
            }
            catch (Exception ex) when (ex is ApiProblem or UriFormatException)
            {
                logger.LogWarning("FEDERATION_PEERS entry {Url} was not registered: {Reason}", url, ex.Message);
            }
        }
    }

    private async Task<IReadOnlyList<PeerGatewayRecord>> ActiveAsync(CancellationToken cancellationToken) =>
        (await gateways.ListAsync(cancellationToken).ConfigureAwait(false)).Select(e => e.Document).Where(g => g.Enabled).ToList();
}
