using System.Collections.Concurrent;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpGateway.Shared.Federation;

/// <summary>
/// The calls parked in this instance between a 2026-07-28 caller's input rounds, found by the <c>requestState</c> the
/// gateway issued for the round. A parked call lives in memory: a round that reaches another instance, or comes after
/// the call has been forgotten, or carries an altered state, is refused with a clear error, and the caller starts over.
/// </summary>
public sealed class ParkedCalls(TimeProvider time)
{
    private const string StatePrefix = "mcpgateway-parked-";

    /// <summary>How long a finished call's result waits for a caller whose last round has not arrived yet.</summary>
    private static readonly TimeSpan Uncollected = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, ParkedCall> calls = new(StringComparer.Ordinal);

    /// <summary>Whether a <c>requestState</c> is one of the gateway's own, rather than an upstream's passed through.</summary>
    public static bool Issued(string? requestState) => requestState?.StartsWith(StatePrefix, StringComparison.Ordinal) == true;

    /// <summary>Starts a call that runs beyond this request, and returns its result or the first round of input it needs.</summary>
    /// <param name="start">Starts the upstream call, whose requests to its client go to <see cref="ParkedCall.AskAsync"/>.</param>
    /// <param name="progress">Receives the upstream's progress during this first round.</param>
    public async Task<T> StartAsync<T>(Func<ParkedCall, Task<T>> start, IProgress<ProgressNotificationValue>? progress, CancellationToken cancellationToken)
        where T : Result
    {
        var parked = new ParkedCall(StatePrefix, time);
        parked.Call = StartAsResult(start, parked);
        _ = ForgetWhenDoneAsync(parked);
        return await NextRoundAsync<T>(parked, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gives a parked call the caller's answers, and returns its result or the next round of input it needs.</summary>
    /// <exception cref="McpProtocolException">No call of this kind waits here under <paramref name="requestState"/> (-32602).</exception>
    public async Task<T> ResumeAsync<T>(
        string requestState, IDictionary<string, InputResponse>? answers, IProgress<ProgressNotificationValue>? progress, CancellationToken cancellationToken)
        where T : Result
    {
        if (!calls.TryRemove(requestState, out var parked))
        {
            throw new McpProtocolException(
                "requestState names no request that waits for input on this gateway: it was altered, has expired, or was issued by another instance. Send the request again without it.",
                McpErrorCode.InvalidParams);
        }

        try
        {
            parked.Answer(answers);
        }
        catch (McpProtocolException)
        {
            calls[requestState] = parked;
            throw;
        }

        return await NextRoundAsync<T>(parked, progress, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Result> StartAsResult<T>(Func<ParkedCall, Task<T>> start, ParkedCall parked)
        where T : Result => await start(parked).ConfigureAwait(false);

    private async Task<T> NextRoundAsync<T>(ParkedCall parked, IProgress<ProgressNotificationValue>? progress, CancellationToken cancellationToken)
        where T : Result
    {
        try
        {
            return await parked.NextAsync(progress, cancellationToken).ConfigureAwait(false) as T
                ?? throw new McpProtocolException("requestState belongs to a request of another method.", McpErrorCode.InvalidParams);
        }
        catch (InputRequiredException)
        {
            calls[parked.State] = parked;
            throw;
        }
    }

    private async Task ForgetWhenDoneAsync(ParkedCall parked)
    {
        // A failure reaches the caller's next round; this only decides when to forget the call.
        await parked.Call.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).ConfigureAwait(false);
        await Task.Delay(Uncollected, time).ConfigureAwait(false);
        calls.TryRemove(parked.State, out _);
    }
}
