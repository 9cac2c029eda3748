using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpGateway.Shared.Protocol;

/// <summary>
/// Passes what an upstream sends about a forwarded request (progress, log messages) on to the client of the request
/// being served, in the order it arrives, progress under the client's own token.
/// </summary>
public sealed class CallerRelay
{
    private readonly object gate = new();
    private Task pending = Task.CompletedTask;

    public CallerRelay(McpServer caller, ProgressToken? progressToken)
    {
        Progress = progressToken is { } token ? new Relayed<ProgressNotificationValue>(this, value => caller.NotifyProgressAsync(token, value)) : null;
        Logs = new Relayed<LoggingMessageNotificationParams>(
            this, message => caller.SendNotificationAsync(NotificationMethods.LoggingMessageNotification, message));
    }

    /// <summary>Receives the upstream's progress, when the client asked for progress.</summary>
    public IProgress<ProgressNotificationValue>? Progress { get; }

    /// <summary>Receives the upstream's log messages for this request.</summary>
    public IProgress<LoggingMessageNotificationParams> Logs { get; }

    /// <summary>Completes once everything reported so far has been sent, so nothing trails the result.</summary>
    public Task DrainAsync()
    {
        lock (gate)
        {
            return pending;
        }
    }

    private void Enqueue(Func<Task> send)
    {
        lock (gate)
        {
            pending = pending.ContinueWith(_ => send(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        }
    }

    private sealed class Relayed<T>(CallerRelay relay, Func<T, Task> send) : IProgress<T>
    {
        public void Report(T value) => relay.Enqueue(() => send(value));
    }
}
