using McpGateway.Shared.Transports.StreamableHttp;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace McpGateway.Shared.Notifications;

/// <summary>
/// Serves a subscription as a server-sent-event response: <c>retry:</c> (SSE_RETRY_TIMEOUT) first, with an <c>id:</c>
/// to resume from when the client sent no Last-Event-ID (SEP-1699's priming id, without an empty event), then each event
/// with its id, <c>: keep-alive</c> comments while idle, until the client leaves or the host stops. On Azure
/// Functions the platform ends long responses; the client reconnects with Last-Event-ID and misses nothing.
/// </summary>
public sealed class EventStreamResponder(EventHub hub, IOptions<EventOptions> options, IHostApplicationLifetime lifetime, TimeProvider time)
{
    public const string LastEventIdHeader = "Last-Event-ID";

    /// <summary>The Last-Event-ID the client resumes from: null when it sent none, false when it is not an id of ours.</summary>
    public static bool TryReadLastEventId(HttpRequest request, out string? lastEventId)
    {
        var sent = request.Headers[LastEventIdHeader].ToString().Trim();
        lastEventId = sent.Length == 0 ? null : sent;
        return lastEventId is null || EventIds.IsWellFormed(lastEventId);
    }

    public async Task StreamAsync(HttpContext http, string? lastEventId, Func<GatewayEvent, bool> filter, EventRenderer render)
    {
        // A fresh stream's resume point: taken before subscribing, so every event the subscription may miss sorts after it.
        // A resumed stream keeps the client's own until the replay is sent.
        var resumeFrom = lastEventId is null ? EventIds.New(time.GetUtcNow()) : null;
        using var subscription = await hub.SubscribeAsync(filter, lastEventId, http.RequestAborted).ConfigureAwait(false);
        using var stream = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        var settings = options.Value;
        SseResponse.Prepare(http);
        using var writer = new SseWriter(http.Response.Body);
        var keepAlive = settings.KeepAliveEnabled ? KeepAliveAsync(writer, TimeSpan.FromSeconds(settings.KeepAliveIntervalSeconds), stream.Token) : Task.CompletedTask;
        try
        {
            await writer.WriteRetryAsync(settings.RetryTimeoutMilliseconds, resumeFrom, stream.Token).ConfigureAwait(false);
            await foreach (var gatewayEvent in subscription.ReadAllAsync(stream.Token).ConfigureAwait(false))
            {
                if (await render(gatewayEvent, stream.Token).ConfigureAwait(false) is { } frame)
                {
                    await writer.WriteEventAsync(gatewayEvent.EventId, frame, stream.Token).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (ex is IOException || ex is OperationCanceledException && stream.IsCancellationRequested)
        {
            // The client left or the host is stopping: the normal end of a stream.
        }
        catch (EventStreamOverflowException)
        {
            // Too far behind: ending the response makes the client resume from the log with Last-Event-ID.
        }
        finally
        {
            await stream.CancelAsync().ConfigureAwait(false);
            await keepAlive.ConfigureAwait(false);
        }
    }

    private async Task KeepAliveAsync(SseWriter writer, TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await writer.WriteCommentAsync("keep-alive", cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The stream ended.
        }
    }
}
