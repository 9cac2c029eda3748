using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace McpGateway.Shared.Storage;

/// <summary>
/// Writes a named payload onto a table row: inline as a binary property up to 64 KiB (the limit of a
/// Table property), otherwise to an immutable blob whose name the row keeps.
/// </summary>
internal sealed class PayloadStore(BlobContainerClient container, string blobPrefix)
{
    internal const int InlineLimit = 64 * 1024;

    public async Task WriteAsync(TableEntity row, string property, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        row[property + "Length"] = (long)data.Length;
        if (data.Length <= InlineLimit)
        {
            row[property] = data.ToArray();
            return;
        }

        var blobName = $"{blobPrefix}/{Guid.NewGuid():N}";
        await container.GetBlobClient(blobName).UploadAsync(BinaryData.FromBytes(data), overwrite: false, cancellationToken).ConfigureAwait(false);
        row[property + "Blob"] = blobName;
    }

    public static StoredPayload? Describe(TableEntity row, string property)
    {
        var blobName = row.GetString(property + "Blob");
        var inline = row.GetBinary(property);
        if (blobName is null && inline is null)
        {
            return null;
        }

        return new StoredPayload(inline, blobName, row.GetInt64(property + "Length") ?? inline?.LongLength ?? 0);
    }

    public async Task<byte[]> ReadAsync(StoredPayload payload, CancellationToken cancellationToken)
    {
        if (payload.BlobName is null)
        {
            return payload.Inline ?? [];
        }

        var download = await container.GetBlobClient(payload.BlobName).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
        return download.Value.Content.ToArray();
    }

    /// <summary>Removes blobs no committed row refers to any more; a failure only leaves garbage behind.</summary>
    public async Task DeleteBlobsAsync(IEnumerable<string?> blobNames)
    {
        foreach (var name in blobNames.OfType<string>())
        {
            try
            {
                await container.GetBlobClient(name).DeleteIfExistsAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is Azure.RequestFailedException or StorageUnavailableException)
            {
                // An orphaned blob costs a little storage and is never read; the committed state is intact.
            }
        }
    }

    public static IEnumerable<string?> BlobNames(TableEntity row) =>
        row.Keys.Where(k => k.EndsWith("Blob", StringComparison.Ordinal)).Select(row.GetString);
}
