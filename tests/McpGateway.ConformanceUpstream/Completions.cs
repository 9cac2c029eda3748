using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpGateway.ConformanceUpstream;

/// <summary>completion/complete: suggestions for the arguments of the prompts and of the resource template.</summary>
internal static class Completions
{
    private static readonly string[] PromptArgumentValues = ["hello", "help", "world", "wonder"];

    private static readonly string[] TemplateIdValues = ["1", "42", "123"];

    public static ValueTask<CompleteResult> CompleteAsync(RequestContext<CompleteRequestParams> context, CancellationToken cancellationToken)
    {
        var request = context.Params!;
        var candidates = request.Ref switch
        {
            PromptReference { Name: ConformancePrompts.WithArgumentsName } => PromptArgumentValues,
            ResourceTemplateReference { Uri: ConformanceResources.TemplateUri } => TemplateIdValues,
            _ => [],
        };
        var values = candidates.Where(value => value.StartsWith(request.Argument.Value, StringComparison.OrdinalIgnoreCase)).ToList();
        return ValueTask.FromResult(new CompleteResult { Completion = new Completion { Values = values, Total = values.Count, HasMore = false } });
    }
}
