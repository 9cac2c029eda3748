using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpGateway.ConformanceUpstream;

/// <summary>The prompts of the prompts-* scenarios, and the prompt that asks for input (SEP-2322).</summary>
[McpServerPromptType]
public sealed class ConformancePrompts
{
    public const string WithArgumentsName = "test_prompt_with_arguments";

    [McpServerPrompt(Name = "test_simple_prompt"), Description("A prompt without arguments.")]
    public static string SimplePrompt() => "This is a simple prompt for testing.";

    [McpServerPrompt(Name = WithArgumentsName), Description("A prompt with two arguments.")]
    public static string WithArguments(
        [Description("First test argument")] string arg1,
        [Description("Second test argument")] string arg2) =>
        $"Prompt with arguments: arg1='{arg1}', arg2='{arg2}'";

    [McpServerPrompt(Name = "test_prompt_with_embedded_resource"), Description("A prompt that embeds a resource.")]
    public static IEnumerable<PromptMessage> WithEmbeddedResource([Description("URI of the resource to embed")] string resourceUri) =>
    [
        UserMessage(new EmbeddedResourceBlock
        {
            Resource = new TextResourceContents { Uri = resourceUri, MimeType = "text/plain", Text = "Embedded resource content for testing." },
        }),
        UserMessage(new TextContentBlock { Text = "Please process the embedded resource above." }),
    ];

    [McpServerPrompt(Name = "test_prompt_with_image"), Description("A prompt with an image.")]
    public static IEnumerable<PromptMessage> WithImage() =>
    [
        UserMessage(ImageContentBlock.FromBytes(SampleMedia.Png, SampleMedia.PngMimeType)),
        UserMessage(new TextContentBlock { Text = "Please analyze the image above." }),
    ];

    [McpServerPrompt(Name = "test_input_required_result_prompt"), Description("A prompt that asks the user for its context first.")]
    public static string InputRequiredPrompt(RequestContext<GetPromptRequestParams> context)
    {
        var answers = InputRound.Answers(context.Params!, new Dictionary<string, InputRequest>
        {
            ["user_context"] = InputRound.AskText("What context should the prompt use?", "context"),
        });
        return $"Use this context: {InputRound.Field(answers["user_context"], "context")}";
    }

    private static PromptMessage UserMessage(ContentBlock content) => new() { Role = Role.User, Content = content };
}
