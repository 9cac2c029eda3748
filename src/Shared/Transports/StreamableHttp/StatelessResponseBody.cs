using Microsoft.AspNetCore.Http;
using ModelContextProtocol.Protocol;

namespace McpGateway.Shared.Transports.StreamableHttp;

/// <summary>
/// The body of a stateless (2026-07-28) POST's response, which the server core writes as server-sent events. When the
/// first message is the request's own response (nothing was streamed before it: no progress, log or question), that
/// message alone is the answer, sent as one <c>application/json</c> body with its length: one write and no chunked
/// framing, as Streamable HTTP allows. Anything else, or the server core committing the headers of a long call
/// before it has a message, starts the event stream, and every write then goes straight to the client.
/// </summary>
internal sealed class StatelessResponseBody(HttpContext http) : Stream
{
    private MemoryStream? heldResponse;
    private bool streaming;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>The server core is about to write <paramref name="first"/> (null: it commits the headers without a message).</summary>
    public void Starting(JsonRpcMessage? first)
    {
        if (first is JsonRpcResponse or JsonRpcError && !streaming)
        {
            heldResponse = new MemoryStream();
        }
        else
        {
            StartStreaming();
        }
    }

    /// <summary>Sends the held response as the JSON body, once the server core has finished the request.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (heldResponse is null)
        {
            return;
        }

        heldResponse.Position = 0;
        var body = SseResponse.Data(heldResponse).FirstOrDefault() ?? [];
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body, cancellationToken).ConfigureAwait(false);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (heldResponse is not null)
        {
            heldResponse.Write(buffer);
            return;
        }

        StartStreaming();
        http.Response.Body.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (heldResponse is not null)
        {
            heldResponse.Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        StartStreaming();
        return http.Response.Body.WriteAsync(buffer, cancellationToken);
    }

    public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>A held response waits for the end of the request; otherwise a flush commits the event stream (a long call's headers, say).</summary>
    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        if (heldResponse is not null)
        {
            return Task.CompletedTask;
        }

        StartStreaming();
        return http.Response.Body.FlushAsync(cancellationToken);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            heldResponse?.Dispose();
        }

        base.Dispose(disposing);
    }

    private void StartStreaming()
    {
        if (!streaming)
        {
            streaming = true;
            SseResponse.Prepare(http);
        }
    }
}
