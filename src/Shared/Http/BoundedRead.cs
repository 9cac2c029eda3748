namespace McpGateway.Shared.Http;

/// <summary>Reads a stream to its end unless it holds more than a limit.</summary>
public static class BoundedRead
{
    /// <returns>The bytes read, or null when the stream is longer than <paramref name="limit"/>.</returns>
    public static async Task<byte[]?> ReadAllAsync(Stream stream, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
