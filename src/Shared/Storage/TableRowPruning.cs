using Azure;
using Azure.Data.Tables;

namespace McpGateway.Shared.Storage;

/// <summary>Deleting the old rows of a time-keyed partition (the event log, the sign-out log).</summary>
internal static class TableRowPruning
{
    private const int MaxTransactionSize = 100;

    /// <summary>Deletes the rows of <paramref name="partition"/> whose row key sorts before <paramref name="rowKey"/>, up to 100 in each transaction.</summary>
    public static async Task DeleteRowsBeforeAsync(this TableClient table, string partition, string rowKey, CancellationToken cancellationToken)
    {
        var expired = table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey lt {rowKey}"),
            select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken);
        var batch = new List<TableTransactionAction>(MaxTransactionSize);
        await foreach (var row in expired.ConfigureAwait(false))
        {
            batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All));
            if (batch.Count == MaxTransactionSize)
            {
                await table.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            await table.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
        }
    }
}
