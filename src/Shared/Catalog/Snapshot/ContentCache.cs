using McpGateway.Shared.Configuration;
using McpGateway.Shared.Storage;
using Microsoft.Extensions.Options;

namespace McpGateway.Shared.Catalog.Snapshot;

/// <summary>
/// Content too large for a table row (kept in Blob), cached within CATALOG_CONTENT_CACHE_BYTES, least recently used
/// out first. A blob is written once under a new name whenever the content changes, so a cached blob is never stale:
/// the entry's revision names the blob it needs. Content kept inline in the row is in the snapshot already.
/// </summary>
public sealed class ContentCache(IOptions<CatalogSnapshotOptions> options)
{
    private readonly long capacity = options.Value.ContentCacheBytes;
    private readonly object gate = new();
    private readonly Dictionary<string, LinkedListNode<(string Blob, byte[] Bytes)>> byBlob = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Blob, byte[] Bytes)> recency = new();
    private long size;

    /// <summary>The content of <paramref name="entry"/>, or null when it has none; read from storage only on a miss.</summary>
    public async ValueTask<byte[]?> ReadAsync<T>(CatalogTable<T> table, CatalogEntry<T> entry, CancellationToken cancellationToken)
        where T : class, ICatalogDocument
    {
        if (entry.Content is null)
        {
            return null;
        }

        if (entry.Content.BlobName is not { } blob)
        {
            return entry.Content.Inline ?? [];
        }

        if (TryGet(blob) is { } cached)
        {
            return cached;
        }

        var bytes = await table.ReadContentAsync(entry, cancellationToken).ConfigureAwait(false) ?? [];
        Add(blob, bytes);
        return bytes;
    }

    private byte[]? TryGet(string blob)
    {
        lock (gate)
        {
            if (!byBlob.TryGetValue(blob, out var node))
            {
                return null;
            }

            recency.Remove(node);
            recency.AddFirst(node);
            return node.Value.Bytes;
        }
    }

    private void Add(string blob, byte[] bytes)
    {
        if (bytes.LongLength > capacity)
        {
            return;
        }

        lock (gate)
        {
            if (byBlob.ContainsKey(blob))
            {
                return;
            }

            byBlob[blob] = recency.AddFirst((blob, bytes));
            size += bytes.LongLength;
            while (size > capacity && recency.Last is { } oldest)
            {
                recency.RemoveLast();
                byBlob.Remove(oldest.Value.Blob);
                size -= oldest.Value.Bytes.LongLength;
            }
        }
    }
}
