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

    /// <summary>How long a round waits for the upstream's next question after one arrives.</summary>
    private static readonly TimeSpan QuestionGap = TimeSpan.FromMilliseconds(100);

    private readonly Dictionary<string, TaskCompletionSource<InputResponse>> awaitingAnswers = new(StringComparer.Ordinal);
    private readonly string statePrefix;
    private readonly TimeProvider time;
    private IProgress<ProgressNotificationValue>? roundProgress;
    private int askedCount;

    /// <param name="statePrefix">What every <c>requestState</c> of the gateway's own starts with.</param>
    /// <param name="time">The clock of the wait for a round's further questions.</param>
    public ParkedCall(string statePrefix, TimeProvider time)
    {
        this.statePrefix = statePrefix;
        this.time = time;
    }

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

        // An upstream asks a round's questions at once, each a request of its own: the round takes those that follow
        // each other closely, so that a caller is not sent a round of one question of three.
        var round = new Dictionary<string, InputRequest>(StringComparer.Ordinal);
        var answers = new Dictionary<string, TaskCompletionSource<InputResponse>>(StringComparer.Ordinal);
        do
        {
            while (asked.Reader.TryRead(out var question))
            {
                answers[question.Key] = question.Answer;
                round[question.Key] = question.Request;
            }
        }
        while (await AnotherQuestionSoonAsync(cancellationToken).ConfigureAwait(false));

        lock (awaitingAnswers)
        {
            foreach (var (key, answer) in answers)
            {
                awaitingAnswers[key] = answer;
            }

            State = statePrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
            throw new InputRequiredException(new InputRequiredResult { InputRequests = round, RequestState = State });
        }
    }

    private async Task<bool> AnotherQuestionSoonAsync(CancellationToken cancellationToken)
    {
        using var gapOver = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var another = asked.Reader.WaitToReadAsync(gapOver.Token).AsTask();
        if (await Task.WhenAny(another, Task.Delay(QuestionGap, time, cancellationToken)).ConfigureAwait(false) == another)
        {
            return await another.ConfigureAwait(false);
        }

        // A question written as the gap ended may not have woken the wait yet: it still belongs to this round.
        await gapOver.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return asked.Reader.TryPeek(out _);
    }
}
