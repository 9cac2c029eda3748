using Azure.Storage.Blobs;
using McpGateway.Shared.Configuration;
using Microsoft.Extensions.Options;

namespace McpGateway.Shared.Storage;

/// <summary>Hands out the table of each catalog kind, creating tables and the blob container on first use.</summary>
public sealed class CatalogStorage(StorageClients clients, IOptions<StorageOptions> options)
{
    private readonly string prefix = options.Value.Prefix;
    private volatile bool containerReady;

    public BlobContainerClient Container => clients.Blobs.GetBlobContainerClient($"{prefix}-catalog");

    /// <param name="kind">The catalog kind, such as "tools"; the table is named prefix + kind.</param>
    /// <param name="keepHistory">Whether updates keep the previous revision (prompts do).</param>
    public CatalogTable<T> Table<T>(string kind, bool keepHistory = false)
        where T : class, ICatalogDocument
    {
        var table = clients.Tables.GetTableClient(prefix + kind);
        var tableReady = false;
        return new CatalogTable<T>(
            table,
            new PayloadStore(Container, kind),
            async cancellationToken =>
            {
                if (tableReady && containerReady)
                {
                    return;
                }

                await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
                await Container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                tableReady = true;
                containerReady = true;
            },
            keepHistory);
    }

    /// <summary>Proves storage answers: one table service call and one blob service call.</summary>
    public async Task RoundTripAsync(CancellationToken cancellationToken)
    {
        await clients.Tables.GetPropertiesAsync(cancellationToken).ConfigureAwait(false);
        await clients.Blobs.GetPropertiesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A table outside the catalog (metrics, sessions, job leases) under the same prefix, created on first use.</summary>
    public LazyTable RawTable(string name) => new(clients.Tables.GetTableClient(prefix + name));
}
