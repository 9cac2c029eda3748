using System.Buffers.Text;
using System.Security.Cryptography;
using System.Threading.Channels;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpGateway.Shared.Federation;

/// <summary>
/// A forwarded request whose upstream speaks a session revision and asks its client for input with requests of its
/// own, while the caller speaks 2026-07-28 and gives input in rounds of input-required results (SEP-2322). The
/// upstream call waits here, in this instance, between the caller's rounds; each round has a <c>requestState</c> of
/// its own, and the upstream's progress goes to the caller of the round under way.
/// </summary>
public sealed class ParkedCall : IProgress<ProgressNotificationValue>
{
    private readonly Channel<(string Key, InputRequest Request, TaskCompletionSource<InputResponse> Answer)> asked =
        Channel.CreateUnbounded<(string, InputRequest, TaskCompletionSource<InputResponse>)>();

    private readonly Dictionary<string, TaskCompletionSource<InputResponse>> awaitingAnswers = new(StringComparer.Ordinal);
    private readonly string statePrefix;
    private IProgress<ProgressNotificationValue>? roundProgress;
    private int askedCount;

    /// <param name="statePrefix">What every <c>requestState</c> of the gateway's own starts with.</param>
    public ParkedCall(string statePrefix) => this.statePrefix = statePrefix;

    /// <summary>The <c>requestState</c> by which the caller's next round finds this call; empty before the first round.</summary>
    public string State { get; private set; } = string.Empty;

    /// <summary>The upstream call itself, set once it has started.</summary>
    public Task<Result> Call { get; set; } = Task.FromException<Result>(new InvalidOperationException("The call has not started."));

    /// <summary>The upstream's request to its client, which waits for the caller's next round.</summary>
    public async Task<InputResponse> AskAsync(InputRequest request, CancellationToken cancellationToken)
    {
        var answer = new TaskCompletionSource<InputResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        await asked.Writer.WriteAsync(($"input-{Interlocked.Increment(ref askedCount)}", request, answer), cancellationToken).ConfigureAwait(false);
        return await answer.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Report(ProgressNotificationValue value) => Volatile.Read(ref roundProgress)?.Report(value);

    /// <summary>Gives the caller's answers to the requests of the last round.</summary>
    /// <exception cref="McpProtocolException">An answer is missing (-32602).</exception>
    public void Answer(IDictionary<string, InputResponse>? responses)
    {
        lock (awaitingAnswers)
        {
            var missing = awaitingAnswers.Keys.Where(key => responses?.ContainsKey(key) != true).ToList();
            if (missing.Count > 0)
            {
                throw new McpProtocolException($"inputResponses lacks an answer to {string.Join(", ", missing)}.", McpErrorCode.InvalidParams);
            }

            foreach (var (key, answer) in awaitingAnswers)
            {
                answer.TrySetResult(responses![key]);
            }

            awaitingAnswers.Clear();
        }
    }

    /// <summary>The call's result, or the next round of input it needs under a new <see cref="State"/>.</summary>
    /// <param name="progress">Receives the upstream's progress during this round.</param>
    /// <exception cref="InputRequiredException">The upstream asked for input: the round to put to the caller.</exception>
    public async Task<Result> NextAsync(IProgress<ProgressNotificationValue>? progress, CancellationToken cancellationToken)
    {
        Volatile.Write(ref roundProgress, progress);
        var nextQuestion = asked.Reader.WaitToReadAsync(cancellationToken).AsTask();
        if (await Task.WhenAny(Call, nextQuestion).ConfigureAwait(false) == Call)
        {
            return await Call.ConfigureAwait(false);
        }

        await nextQuestion.ConfigureAwait(false);
        lock (awaitingAnswers)
        {
            var round = new Dictionary<string, InputRequest>(StringComparer.Ordinal);
            while (asked.Reader.TryRead(out var question))
            {
                awaitingAnswers[question.Key] = question.Answer;
                round[question.Key] = question.Request;
            }

            State = statePrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
            throw new InputRequiredException(new InputRequiredResult { InputRequests = round, RequestState = State });
        }
    }
}
