using System.Text;

namespace McpGateway.Testing;

/// <summary>One server-sent event as a client sees it: its fields, or a comment (keep-alive) or a <c>retry:</c> alone.</summary>
public sealed record ServerSentEvent(string? Id, string? Event, string? Data, int? Retry, string? Comment);

/// <summary>Reads a text/event-stream response event by event (blank-line separated), as EventSource does.</summary>
public sealed class ServerSentEventReader(Stream stream) : IDisposable
{
    private readonly StreamReader reader = new(stream, Encoding.UTF8);

    /// <returns>The next event, or null when the stream ended.</returns>
    public async Task<ServerSentEvent?> ReadAsync(CancellationToken cancellationToken)
    {
        string? id = null, name = null, comment = null;
        int? retry = null;
        StringBuilder? data = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (id is null && name is null && data is null && retry is null && comment is null)
                {
                    continue;
                }

                return new ServerSentEvent(id, name, data?.ToString(), retry, comment);
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? string.Empty : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "":
                    comment = value;
                    break;
                case "id":
                    id = value;
                    break;
                case "event":
                    name = value;
                    break;
                case "data":
                    data = data is null ? new StringBuilder(value) : data.Append('\n').Append(value);
                    break;
                case "retry":
                    retry = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
                    break;
            }
        }

        return null;
    }

    /// <summary>The next event that carries data (skipping keep-alive comments and retry fields).</summary>
    public async Task<ServerSentEvent> ReadDataAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var next = await ReadAsync(cancellationToken) ?? throw new EndOfStreamException("The event stream ended.");
            if (next.Data is not null)
            {
                return next;
            }
        }
    }

    public void Dispose() => reader.Dispose();
}
