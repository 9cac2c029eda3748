using System.Globalization;
using System.Text;

namespace McpGateway.Shared.Notifications;

/// <summary>
/// Writes the text/event-stream framing (<c>retry:</c>, <c>id:</c>/<c>event:</c>/<c>data:</c> events, comments) and
/// flushes each, so nothing waits in a buffer. Events and keep-alive comments come from different tasks; one write
/// at a time keeps them whole.
/// </summary>
public sealed class SseWriter(Stream body) : IDisposable
{
    private readonly SemaphoreSlim writing = new(1, 1);

    /// <param name="resumeFrom">
    /// An id to send along: without data no event is dispatched, but the client's last event id is set (HTML's SSE
    /// processing model), so a client that loses the stream before its first event still resumes from here.
    /// </param>
    public Task WriteRetryAsync(int milliseconds, string? resumeFrom, CancellationToken cancellationToken) =>
        WriteAsync(
            $"retry: {milliseconds.ToString(CultureInfo.InvariantCulture)}\n" + (resumeFrom is null ? string.Empty : $"id: {resumeFrom}\n") + "\n",
            cancellationToken);

    public Task WriteCommentAsync(string comment, CancellationToken cancellationToken) => WriteAsync($": {comment}\n\n", cancellationToken);

    public Task WriteEventAsync(string id, SseFrame frame, CancellationToken cancellationToken)
    {
        var text = new StringBuilder().Append("id: ").Append(id).Append('\n');
        if (frame.EventName is not null)
        {
            text.Append("event: ").Append(frame.EventName).Append('\n');
        }

        // A data line ends at a newline: multi-line data goes out as several data lines, which clients join again.
        foreach (var line in frame.Data.Split('\n'))
        {
            text.Append("data: ").Append(line.TrimEnd('\r')).Append('\n');
        }

        return WriteAsync(text.Append('\n').ToString(), cancellationToken);
    }

    public void Dispose() => writing.Dispose();

    private async Task WriteAsync(string text, CancellationToken cancellationToken)
    {
        await writing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken).ConfigureAwait(false);
            await body.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            writing.Release();
        }
    }
}
