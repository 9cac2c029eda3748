using McpGateway.Shared.Federation;
using Microsoft.Extensions.Time.Testing;
using ModelContextProtocol.Protocol;

namespace McpGateway.Shared.Tests.Federation;

public sealed class ParkedCallTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_round_holds_the_questions_an_upstream_asks_together()
    {
        var time = new FakeTimeProvider();
        var parked = new ParkedCall("test-", time) { Call = new TaskCompletionSource<Result>().Task };
        _ = parked.AskAsync(Question("first"), Ct);

        // The first question is there before the round starts; the others arrive while it gathers, before the gap.
        var round = parked.NextAsync(progress: null, Ct);
        _ = parked.AskAsync(Question("second"), Ct);
        _ = parked.AskAsync(Question("third"), Ct);
        Assert.False(round.IsCompleted);

        var asked = await ClosedRoundAsync(time, round);
        Assert.Equal(["first", "second", "third"], asked.InputRequests!.Values.Select(r => r.ElicitationParams!.Message).Order());
        Assert.StartsWith("test-", asked.RequestState, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_question_after_the_gap_waits_for_the_next_round()
    {
        var time = new FakeTimeProvider();
        var parked = new ParkedCall("test-", time) { Call = new TaskCompletionSource<Result>().Task };
        _ = parked.AskAsync(Question("first"), Ct);
        var firstRound = await ClosedRoundAsync(time, parked.NextAsync(progress: null, Ct));

        parked.Answer(firstRound.InputRequests!.ToDictionary(q => q.Key, _ => InputResponse.FromElicitResult(new ElicitResult { Action = "accept" })));
        _ = parked.AskAsync(Question("later"), Ct);
        var secondRound = await ClosedRoundAsync(time, parked.NextAsync(progress: null, Ct));

        Assert.Equal("first", Assert.Single(firstRound.InputRequests!.Values).ElicitationParams!.Message);
        Assert.Equal("later", Assert.Single(secondRound.InputRequests!.Values).ElicitationParams!.Message);
    }

    /// <summary>Lets the round's gaps pass until it ends (as it must, within a few) with the input it asks for.</summary>
    private static async Task<InputRequiredResult> ClosedRoundAsync(FakeTimeProvider time, Task<Result> round)
    {
        for (var gap = 0; gap < 1000 && !round.IsCompleted; gap++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Yield();
        }

        return (await Assert.ThrowsAsync<InputRequiredException>(() => round)).Result;
    }

    private static InputRequest Question(string message) =>
        InputRequest.ForElicitation(new ElicitRequestParams { Message = message, RequestedSchema = new() });
}
