using Azure.Data.Tables;

namespace McpGateway.Shared.Storage;

/// <summary>
/// A table created on first use, once per process. Creating is idempotent, so instances (or threads) that race
/// only repeat a harmless call.
/// </summary>
public sealed class LazyTable(TableClient table)
{
    private volatile bool ready;

    public async ValueTask<TableClient> GetAsync(CancellationToken cancellationToken)
    {
        if (!ready)
        {
            await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            ready = true;
        }

        return table;
    }
}
