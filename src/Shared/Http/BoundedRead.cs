using System.Buffers;

namespace McpGateway.Shared.Http;

/// <summary>Reads a stream to its end unless it holds more than a limit.</summary>
public static class BoundedRead
{
    private const int ChunkBytes = 16 * 1024;

    /// <summary>The most a declared length reserves before the bytes arrive: a header alone must not claim the whole limit.</summary>
    private const int MaxReservedBytes = 64 * 1024;

    /// <param name="declaredLength">The length the stream's framing announces (Content-Length), when known.</param>
    /// <returns>The bytes read, or null when the stream is longer than <paramref name="limit"/>.</returns>
    public static async Task<byte[]?> ReadAllAsync(Stream stream, long limit, CancellationToken cancellationToken, long? declaredLength = null)
    {
        if (declaredLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream(declaredLength is { } length ? (int)Math.Min(length, MaxReservedBytes) : 0);
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray();
    }
}
