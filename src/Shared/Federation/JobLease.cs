using Azure;
using Azure.Data.Tables;
using McpGateway.Shared.Storage;

namespace McpGateway.Shared.Federation;

/// <summary>
/// Lets a periodic job run once per interval across every instance: the first instance to move the job's
/// "next run" time forward (an ETag-guarded write) does the work; the others see it moved and skip.
/// </summary>
public sealed class JobLease(CatalogStorage storage, TimeProvider time)
{
    private const string Partition = "job";
    private readonly LazyTable lazyTable = storage.RawTable("jobs");

    /// <returns>True when this instance won the run due now; the next is due <paramref name="interval"/> later.</returns>
    public async Task<bool> TryClaimAsync(string job, TimeSpan interval, CancellationToken cancellationToken)
    {
        var table = await lazyTable.GetAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, job, cancellationToken: cancellationToken).ConfigureAwait(false);
        var next = new TableEntity(Partition, job) { ["NextRunAt"] = now + interval, ["ClaimedAt"] = now };
        try
        {
            if (!row.HasValue)
            {
                await table.AddEntityAsync(next, cancellationToken).ConfigureAwait(false);
                return true;
            }

            if (row.Value!.GetDateTimeOffset("NextRunAt") is { } due && due > now)
            {
                return false;
            }

            await table.UpdateEntityAsync(next, row.Value.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }
}
