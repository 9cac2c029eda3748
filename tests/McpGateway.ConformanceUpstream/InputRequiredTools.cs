using System.ComponentModel;
using Microsoft.AspNetCore.DataProtection;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using static ModelContextProtocol.Protocol.ElicitRequestParams;

namespace McpGateway.ConformanceUpstream;

/// <summary>
/// The tools of the input-required-result-* scenarios (SEP-2322): each asks the client for input through an
/// input-required result and completes when the client retries with the answers. Nothing is kept between rounds but
/// what the client carries: the answers and the requestState.
/// </summary>
[McpServerToolType]
public sealed class InputRequiredTools
{
    private const string RequestStateName = "test_input_required_result_request_state";
    private const string TamperedStateName = "test_input_required_result_tampered_state";
    private const string MultipleInputsName = "test_input_required_result_multiple_inputs";
    private const string MultiRoundName = "test_input_required_result_multi_round";

    [McpServerTool(Name = "test_input_required_result_elicitation"), Description("Asks the user's name, then greets them.")]
    public static string Elicitation(RequestContext<CallToolRequestParams> context)
    {
        var answers = InputRound.Answers(context.Params!, new Dictionary<string, InputRequest> { ["user_name"] = AskName() });
        return $"Hello, {InputRound.Field(answers["user_name"], "name")}!";
    }

    [McpServerTool(Name = "test_input_required_result_sampling"), Description("Asks the client's model a question.")]
    public static string Sampling(RequestContext<CallToolRequestParams> context)
    {
        var answers = InputRound.Answers(context.Params!, new Dictionary<string, InputRequest>
        {
            ["capital_question"] = InputRound.AskSampling("What is the capital of France?", 100),
        });
        return $"The model answered: {InputRound.SampledText(answers["capital_question"])}";
    }

    [McpServerTool(Name = "test_input_required_result_list_roots"), Description("Asks the client for its roots.")]
    public static string ListRoots(RequestContext<CallToolRequestParams> context)
    {
        var answers = InputRound.Answers(context.Params!, new Dictionary<string, InputRequest> { ["client_roots"] = InputRound.AskRoots() });
        return $"Roots: {InputRound.RootUris(answers["client_roots"])}";
    }

    [McpServerTool(Name = RequestStateName), Description("Asks for a confirmation, carrying a tamper-proof requestState.")]
    public static string WithRequestState(RequestContext<CallToolRequestParams> context, IDataProtectionProvider protection) =>
        $"state-ok, confirmed: {ConfirmWithState(context.Params!, protection, RequestStateName)}";

    [McpServerTool(Name = TamperedStateName), Description("Asks for a confirmation; refuses a requestState that was changed.")]
    public static string WithTamperProofState(RequestContext<CallToolRequestParams> context, IDataProtectionProvider protection) =>
        $"State intact, confirmed: {ConfirmWithState(context.Params!, protection, TamperedStateName)}";

    [McpServerTool(Name = MultipleInputsName), Description("Asks for a name, a model's greeting and the roots at once.")]
    public static string MultipleInputs(RequestContext<CallToolRequestParams> context, IDataProtectionProvider protection)
    {
        var answers = AnswersWithState(context.Params!, protection, MultipleInputsName, new Dictionary<string, InputRequest>
        {
            ["user_name"] = AskName(),
            ["greeting"] = InputRound.AskSampling("Generate a greeting", 50),
            ["client_roots"] = InputRound.AskRoots(),
        });
        return $"{InputRound.SampledText(answers["greeting"])} {InputRound.Field(answers["user_name"], "name")}, " +
            $"your roots: {InputRound.RootUris(answers["client_roots"])}";
    }

    [McpServerTool(Name = MultiRoundName), Description("Asks a name, then a favourite colour, in two rounds.")]
    public static string MultiRound(RequestContext<CallToolRequestParams> context, IDataProtectionProvider protection)
    {
        var request = context.Params!;
        var state = RequestState.Open(protection, MultiRoundName, request.RequestState) ?? new RequestState(1);
        if (state.Round == 1)
        {
            var first = InputRound.Answers(request, new Dictionary<string, InputRequest>
            {
                ["step1"] = InputRound.AskText("Step 1: What is your name?", "name"),
            }, state.Seal(protection, MultiRoundName));
            state = new RequestState(2, InputRound.Field(first["step1"], "name"));
        }

        var second = InputRound.Answers(request, new Dictionary<string, InputRequest>
        {
            ["step2"] = InputRound.AskText("Step 2: What is your favorite color?", "color"),
        }, state.Seal(protection, MultiRoundName));
        return $"{state.Name}'s favorite color is {InputRound.Field(second["step2"], "color")}.";
    }

    [McpServerTool(Name = "test_input_required_result_capabilities"), Description("Asks only for what the client declared it can answer.")]
    public static string Capabilities(RequestContext<CallToolRequestParams> context)
    {
        var capabilities = context.Server.ClientCapabilities;
        var questions = new Dictionary<string, InputRequest>();
        if (capabilities?.Elicitation is not null)
        {
            questions["user_name"] = AskName();
        }

        if (capabilities?.Sampling is not null)
        {
            questions["greeting"] = InputRound.AskSampling("Generate a greeting", 50);
        }

        if (capabilities?.Roots is not null)
        {
            questions["client_roots"] = InputRound.AskRoots();
        }

        return questions.Count == 0
            ? "The client declared none of elicitation, sampling and roots: there is nothing to ask."
            : $"Answered: {string.Join(", ", InputRound.Answers(context.Params!, questions).Keys)}";
    }

    private static InputRequest AskName() => InputRound.AskText("What is your name?", "name");

    private static string ConfirmWithState(CallToolRequestParams request, IDataProtectionProvider protection, string tool)
    {
        var answers = AnswersWithState(request, protection, tool, new Dictionary<string, InputRequest>
        {
            ["confirm"] = InputRound.Ask("Please confirm", "ok", new BooleanSchema()),
        });
        return InputRound.Field(answers["confirm"], "ok");
    }

    /// <summary>The answers, once the client brings them back with the state this tool protected when it first asked.</summary>
    private static IReadOnlyDictionary<string, InputResponse> AnswersWithState(
        CallToolRequestParams request, IDataProtectionProvider protection, string tool, Dictionary<string, InputRequest> questions) =>
        RequestState.Open(protection, tool, request.RequestState) is null
            ? throw new InputRequiredException(questions, new RequestState(1).Seal(protection, tool))
            : InputRound.Answers(request, questions, request.RequestState);
}
