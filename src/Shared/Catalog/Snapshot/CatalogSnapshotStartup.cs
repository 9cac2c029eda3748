using McpGateway.Shared.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace McpGateway.Shared.Catalog.Snapshot;

/// <summary>
/// Loads the catalog snapshot while the host starts, so an instance takes requests once it can answer them from
/// memory. When storage cannot be reached yet the host starts anyway: requests answer 503 until the follower, which
/// keeps trying, has loaded it.
/// </summary>
public sealed partial class CatalogSnapshotStartup(CatalogFollower follower, ILogger<CatalogSnapshotStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await follower.StartAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (StorageUnavailableException ex)
        {
            LogNotLoaded(ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The catalog could not be loaded at start; it is loaded as soon as storage answers")]
    private partial void LogNotLoaded(Exception exception);
}
