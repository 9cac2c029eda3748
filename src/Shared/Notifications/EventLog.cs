using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure.Data.Tables;
using McpGateway.Shared.Storage;

namespace McpGateway.Shared.Notifications;

/// <summary>
/// Every event of the last EVENT_RETENTION seconds, in one partition of the <c>{prefix}events</c> table keyed by
/// event id: rows come back in id (time) order, so a stream resuming from Last-Event-ID, on any instance, reads
/// the rows after it.
/// </summary>
public sealed class EventLog(CatalogStorage storage)
{
    private const string Partition = "events";
    private readonly LazyTable lazyTable = storage.RawTable("events");

    public async Task AppendAsync(GatewayEvent gatewayEvent, CancellationToken cancellationToken)
    {
        var table = await lazyTable.GetAsync(cancellationToken).ConfigureAwait(false);
        await table.AddEntityAsync(new TableEntity(Partition, gatewayEvent.EventId)
        {
            ["Type"] = gatewayEvent.Type,
            ["Entity"] = gatewayEvent.Entity,
            ["ItemId"] = gatewayEvent.Id,
            ["Time"] = gatewayEvent.Time,
            ["Data"] = gatewayEvent.Data.GetRawText(),
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The events whose id sorts after <paramref name="after"/> (an event id or an <see cref="EventIds.Floor"/>), oldest first.</summary>
    public async IAsyncEnumerable<GatewayEvent> ReadAfterAsync(string after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await lazyTable.GetAsync(cancellationToken).ConfigureAwait(false);
        var rows = table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey gt {after}"), cancellationToken: cancellationToken);
        await foreach (var row in rows.ConfigureAwait(false))
        {
            yield return new GatewayEvent(
                row.RowKey,
                row.GetString("Type") ?? string.Empty,
                row.GetString("Entity") ?? string.Empty,
                row.GetString("ItemId") ?? string.Empty,
                row.GetDateTimeOffset("Time") ?? default,
                JsonDocument.Parse(row.GetString("Data") ?? "{}").RootElement.Clone());
        }
    }

    /// <summary>Deletes the events older than <paramref name="before"/>.</summary>
    public async Task PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var table = await lazyTable.GetAsync(cancellationToken).ConfigureAwait(false);
        await table.DeleteRowsBeforeAsync(Partition, EventIds.Floor(before), cancellationToken).ConfigureAwait(false);
    }
}
