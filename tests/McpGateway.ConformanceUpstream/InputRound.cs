using System.Text.Json;
using ModelContextProtocol.Protocol;
using static ModelContextProtocol.Protocol.ElicitRequestParams;

namespace McpGateway.ConformanceUpstream;

/// <summary>
/// One round of a multi round-trip request (SEP-2322), kept stateless: a handler lists the input it needs and gets
/// the client's answers back, or the request ends with an input-required result asking for what is still missing.
/// On the session revisions the SDK turns that result into real elicitation, sampling and roots requests.
/// </summary>
internal static class InputRound
{
    /// <summary>
    /// The answer to every question, each of the type its request calls for; otherwise an
    /// <see cref="InputRequiredException"/> asks again for the unanswered ones (unknown answers are ignored).
    /// </summary>
    public static IReadOnlyDictionary<string, InputResponse> Answers(
        RequestParams request, IReadOnlyDictionary<string, InputRequest> questions, string? requestState = null)
    {
        var answers = new Dictionary<string, InputResponse>();
        var unanswered = new Dictionary<string, InputRequest>();
        foreach (var (key, question) in questions)
        {
            if (request.InputResponses?.TryGetValue(key, out var answer) == true && Answers(question, answer))
            {
                answers[key] = answer;
            }
            else
            {
                unanswered[key] = question;
            }
        }

        return unanswered.Count == 0 ? answers : throw new InputRequiredException(unanswered, requestState);
    }

    /// <summary>An elicitation of one required field.</summary>
    public static InputRequest Ask(string message, string field, PrimitiveSchemaDefinition schema) =>
        InputRequest.ForElicitation(new ElicitRequestParams
        {
            Message = message,
            RequestedSchema = new RequestSchema { Properties = new Dictionary<string, PrimitiveSchemaDefinition> { [field] = schema }, Required = [field] },
        });

    public static InputRequest AskText(string message, string field) => Ask(message, field, new StringSchema());

    public static InputRequest AskSampling(string prompt, int maxTokens) => InputRequest.ForSampling(Sampling(prompt, maxTokens));

    /// <summary>A request for the client's model to answer <paramref name="prompt"/>.</summary>
    public static CreateMessageRequestParams Sampling(string prompt, int maxTokens) => new()
    {
        Messages = [new SamplingMessage { Role = Role.User, Content = [new TextContentBlock { Text = prompt }] }],
        MaxTokens = maxTokens,
    };

    /// <summary>The text the client's model answered.</summary>
    public static string Text(CreateMessageResult result) =>
        string.Concat(result.Content.OfType<TextContentBlock>().Select(block => block.Text));

    public static InputRequest AskRoots() => InputRequest.ForRootsList(new ListRootsRequestParams());

    /// <summary>The field of an accepted elicitation, as text; the action when the user did not accept.</summary>
    public static string Field(InputResponse answer, string field)
    {
        var result = answer.Deserialize(InputResponse.ElicitResultJsonTypeInfo)!;
        return result.IsAccepted && result.Content?.TryGetValue(field, out var value) == true
            ? value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText()
            : $"({result.Action})";
    }

    public static string SampledText(InputResponse answer) => Text(answer.Deserialize(InputResponse.CreateMessageResultJsonTypeInfo)!);

    public static string RootUris(InputResponse answer) =>
        string.Join(", ", answer.Deserialize(InputResponse.ListRootsResultJsonTypeInfo)!.Roots.Select(root => root.Uri));

    private static bool Answers(InputRequest question, InputResponse answer)
    {
        try
        {
            return question.Method switch
            {
                RequestMethods.ElicitationCreate => answer.Deserialize(InputResponse.ElicitResultJsonTypeInfo) is not null,
                RequestMethods.SamplingCreateMessage => answer.Deserialize(InputResponse.CreateMessageResultJsonTypeInfo) is not null,
                RequestMethods.RootsList => answer.Deserialize(InputResponse.ListRootsResultJsonTypeInfo) is not null,
                _ => false,
            };
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
