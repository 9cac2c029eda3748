using System.ComponentModel;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using static ModelContextProtocol.Protocol.ElicitRequestParams;

namespace McpGateway.ConformanceUpstream;

/// <summary>
/// The tools of the tools-*, elicitation-*, json-schema-*, SSE and HTTP header scenarios, and the diagnostic tools
/// the server-stateless scenario looks for.
/// </summary>
[McpServerToolType]
public sealed class ConformanceTools
{
    /// <summary>The pause between the steps of the logging and progress tools, so they arrive one by one.</summary>
    private static readonly TimeSpan StepDelay = TimeSpan.FromMilliseconds(50);

    private static readonly McpServerTool DynamicTool = McpServerTool.Create(
        () => "This tool comes and goes.",
        new McpServerToolCreateOptions { Name = "test_dynamic_tool", Description = "Added and removed by test_trigger_tool_change." });

    private static readonly McpServerPrompt DynamicPrompt = McpServerPrompt.Create(
        () => "This prompt comes and goes.",
        new McpServerPromptCreateOptions { Name = "test_dynamic_prompt", Description = "Added and removed by test_trigger_prompt_change." });

    /// <summary>A tool whose input schema uses JSON Schema 2020-12 keywords a server must pass on untouched (SEP-1613, SEP-2106).</summary>
    public static McpServerTool JsonSchema202012Tool { get; } = CreateJsonSchema202012Tool();

    [McpServerTool(Name = "test_simple_text"), Description("Returns a simple text.")]
    public static string SimpleText() => "This is a simple text response for testing.";

    [McpServerTool(Name = "test_image_content"), Description("Returns a PNG image.")]
    public static ImageContentBlock ImageContent() => ImageContentBlock.FromBytes(SampleMedia.Png, SampleMedia.PngMimeType);

    [McpServerTool(Name = "test_audio_content"), Description("Returns a WAV sound.")]
    public static AudioContentBlock AudioContent() => AudioContentBlock.FromBytes(SampleMedia.Wav, SampleMedia.WavMimeType);

    [McpServerTool(Name = "test_embedded_resource"), Description("Returns an embedded text resource.")]
    public static EmbeddedResourceBlock EmbeddedResource() => new()
    {
        Resource = new TextResourceContents { Uri = "test://embedded-resource", MimeType = "text/plain", Text = "This is an embedded resource content." },
    };

    [McpServerTool(Name = "test_multiple_content_types"), Description("Returns text, an image and an embedded resource.")]
    public static IEnumerable<ContentBlock> MultipleContentTypes() =>
    [
        new TextContentBlock { Text = "Multiple content types test:" },
        ImageContent(),
        new EmbeddedResourceBlock
        {
            Resource = new TextResourceContents { Uri = "test://mixed-content-resource", MimeType = "application/json", Text = """{"test":"data","value":123}""" },
        },
    ];

    [McpServerTool(Name = "test_error_handling"), Description("Always fails, as a tool error.")]
    public static CallToolResult ErrorHandling() => new()
    {
        IsError = true,
        Content = [new TextContentBlock { Text = "This tool intentionally returns an error for testing" }],
    };

    [McpServerTool(Name = "test_tool_with_progress"), Description("Reports progress 0, 50 and 100 of 100.")]
    public static async Task<string> ToolWithProgress(RequestContext<CallToolRequestParams> context, CancellationToken cancellationToken)
    {
        for (var progress = 0; progress <= 100; progress += 50)
        {
            if (progress > 0)
            {
                await Task.Delay(StepDelay, cancellationToken);
            }

            if (context.Params!.ProgressToken is { } token)
            {
                await context.Server.NotifyProgressAsync(token, new ProgressNotificationValue { Progress = progress, Total = 100 }, cancellationToken: cancellationToken);
            }
        }

        return "Progress reported: 0, 50 and 100 of 100.";
    }

    [McpServerTool(Name = "test_tool_with_logging"), Description("Logs three messages at info level while it runs.")]
    public static Task<string> ToolWithLogging(McpServer server, CancellationToken cancellationToken) => LogStepsAsync(server, cancellationToken);

    [McpServerTool(Name = "test_logging_tool"), Description("Logs three messages at info level, only if the request asked for logs.")]
    public static Task<string> LoggingTool(McpServer server, CancellationToken cancellationToken) => LogStepsAsync(server, cancellationToken);

    [McpServerTool(Name = "test_sampling"), Description("Asks the client's model to answer a prompt.")]
    public static async Task<string> Sampling(McpServer server, [Description("The prompt to send to the LLM")] string prompt, CancellationToken cancellationToken)
    {
        var result = await server.SampleAsync(InputRound.Sampling(prompt, 100), cancellationToken);
        return $"LLM response: {InputRound.Text(result)}";
    }

    [McpServerTool(Name = "test_elicitation"), Description("Asks the user for a username and an email address.")]
    public static async Task<string> Elicitation(McpServer server, [Description("The message to show the user")] string message, CancellationToken cancellationToken)
    {
        var result = await server.ElicitAsync(
            new ElicitRequestParams
            {
                Message = message,
                RequestedSchema = new RequestSchema
                {
                    Properties = new Dictionary<string, PrimitiveSchemaDefinition>
                    {
                        ["username"] = new StringSchema { Description = "User's response" },
                        ["email"] = new StringSchema { Description = "User's email address" },
                    },
                    Required = ["username", "email"],
                },
            },
            cancellationToken);
        return $"User response: {Describe(result)}";
    }

    [McpServerTool(Name = "test_elicitation_sep1034_defaults"), Description("Asks the user for values that all have defaults (SEP-1034).")]
    public static Task<string> ElicitationWithDefaults(McpServer server, CancellationToken cancellationToken) =>
        ElicitAsync(server, "Please review these values; each has a default.", new Dictionary<string, PrimitiveSchemaDefinition>
        {
            ["name"] = new StringSchema { Default = "John Doe" },
            ["age"] = new NumberSchema { Type = "integer", Default = 30 },
            ["score"] = new NumberSchema { Default = 95.5 },
            ["status"] = new UntitledSingleSelectEnumSchema { Enum = ["active", "inactive", "pending"], Default = "active" },
            ["verified"] = new BooleanSchema { Default = true },
        }, cancellationToken);

    [McpServerTool(Name = "test_elicitation_sep1330_enums"), Description("Asks the user to choose, in every enum form (SEP-1330).")]
    public static Task<string> ElicitationWithEnums(McpServer server, CancellationToken cancellationToken) =>
        ElicitAsync(server, "Please choose.", new Dictionary<string, PrimitiveSchemaDefinition>
        {
            ["untitledSingle"] = new UntitledSingleSelectEnumSchema { Enum = ["option1", "option2", "option3"] },
            ["titledSingle"] = new TitledSingleSelectEnumSchema
            {
                OneOf = [Option("value1", "First Option"), Option("value2", "Second Option"), Option("value3", "Third Option")],
            },
            // The deprecated form is one of the five the scenario checks.
            ["legacyEnum"] = new LegacyTitledEnumSchema { Enum = ["opt1", "opt2", "opt3"], EnumNames = ["Option One", "Option Two", "Option Three"] },
            ["untitledMulti"] = new UntitledMultiSelectEnumSchema
            {
                Items = new UntitledEnumItemsSchema { Type = "string", Enum = ["option1", "option2", "option3"] },
            },
            ["titledMulti"] = new TitledMultiSelectEnumSchema
            {
                Items = new TitledEnumItemsSchema { AnyOf = [Option("value1", "First Choice"), Option("value2", "Second Choice"), Option("value3", "Third Choice")] },
            },
        }, cancellationToken);

    [McpServerTool(Name = "test_streaming_elicitation"), Description("Asks the user to confirm, through an input-required result, never a request on the stream.")]
    public static string StreamingElicitation(RequestContext<CallToolRequestParams> context)
    {
        var answers = InputRound.Answers(context.Params!, new Dictionary<string, InputRequest>
        {
            ["confirmation"] = InputRound.Ask("Please confirm to continue.", "confirmed", new BooleanSchema()),
        });
        return $"Confirmed: {InputRound.Field(answers["confirmation"], "confirmed")}";
    }

    [McpServerTool(Name = "test_reconnection"), Description("Ends its SSE stream before it answers, so the client resumes with Last-Event-ID (SEP-1699).")]
    public static async Task<string> Reconnection(RequestContext<CallToolRequestParams> context, CancellationToken cancellationToken)
    {
        await context.EnablePollingAsync(TimeSpan.FromMilliseconds(500), cancellationToken);
        return "Reconnection test completed";
    }

    [McpServerTool(Name = "test_header_param"), Description("Echoes a value the client mirrors into the Mcp-Param-Region header (SEP-2243).")]
    public static string HeaderParam([McpHeader("Region"), Description("Any region")] string region = "") => $"Region: {region}";

    [McpServerTool(Name = "test_missing_capability"), Description("Needs the client's sampling capability (SEP-2575).")]
    public static string MissingCapability(McpServer server) =>
        server.ClientCapabilities?.Sampling is null
            ? throw new MissingRequiredClientCapabilityException(new ClientCapabilities { Sampling = new SamplingCapability() }, "This tool needs the sampling capability.")
            : "The client declared sampling.";

    [McpServerTool(Name = "test_trigger_tool_change"), Description("Adds or removes test_dynamic_tool, so the tool list changes.")]
    public static string TriggerToolChange(McpServer server) => Toggle(server.ServerOptions.ToolCollection!, DynamicTool);

    [McpServerTool(Name = "test_trigger_prompt_change"), Description("Adds or removes test_dynamic_prompt, so the prompt list changes.")]
    public static string TriggerPromptChange(McpServer server) => Toggle(server.ServerOptions.PromptCollection!, DynamicPrompt);

    private static McpServerTool CreateJsonSchema202012Tool()
    {
        var tool = McpServerTool.Create(
            () => "Received.",
            new McpServerToolCreateOptions { Name = "json_schema_2020_12_tool", Description = "Tool with JSON Schema 2020-12 features" });
        tool.ProtocolTool.InputSchema = JsonElement.Parse("""
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "$defs": {
                "address": {
                  "$anchor": "addressDef",
                  "type": "object",
                  "properties": { "street": { "type": "string" }, "city": { "type": "string" } }
                }
              },
              "properties": {
                "name": { "type": "string" },
                "address": { "$ref": "#/$defs/address" },
                "contactMethod": { "type": "string", "enum": ["phone", "email"] },
                "phone": { "type": "string" },
                "email": { "type": "string" }
              },
              "allOf": [{ "anyOf": [{ "required": ["phone"] }, { "required": ["email"] }] }],
              "if": { "properties": { "contactMethod": { "const": "phone" } }, "required": ["contactMethod"] },
              "then": { "required": ["phone"] },
              "else": { "required": ["email"] },
              "additionalProperties": false
            }
            """);
        return tool;
    }

    private static async Task<string> LogStepsAsync(McpServer server, CancellationToken cancellationToken)
    {
        string[] steps = ["Tool execution started", "Tool processing data", "Tool execution completed"];
        for (var step = 0; step < steps.Length; step++)
        {
            if (step > 0)
            {
                await Task.Delay(StepDelay, cancellationToken);
            }

            // The client asks for logs with logging/setLevel, or per request on 2026-07-28; without that, none go out.
            if (server.LoggingLevel is { } minimum && minimum <= LoggingLevel.Info)
            {
                await server.SendNotificationAsync(
                    NotificationMethods.LoggingMessageNotification,
                    new LoggingMessageNotificationParams { Level = LoggingLevel.Info, Logger = "conformance-upstream", Data = JsonSerializer.SerializeToElement(steps[step]) },
                    cancellationToken: cancellationToken);
            }
        }

        return "Logged three steps.";
    }

    private static async Task<string> ElicitAsync(
        McpServer server, string message, Dictionary<string, PrimitiveSchemaDefinition> properties, CancellationToken cancellationToken)
    {
        var result = await server.ElicitAsync(
            new ElicitRequestParams { Message = message, RequestedSchema = new RequestSchema { Properties = properties } },
            cancellationToken);
        return $"Elicitation completed: {Describe(result)}";
    }

    private static string Describe(ElicitResult result) => $"action={result.Action}, content={JsonSerializer.Serialize(result.Content)}";

    private static EnumSchemaOption Option(string value, string title) => new() { Const = value, Title = title };

    private static string Toggle<T>(McpServerPrimitiveCollection<T> collection, T primitive)
        where T : IMcpServerPrimitive
    {
        if (collection.Remove(primitive))
        {
            return $"Removed {primitive.Id}.";
        }

        collection.TryAdd(primitive);
        return $"Added {primitive.Id}.";
    }
}
