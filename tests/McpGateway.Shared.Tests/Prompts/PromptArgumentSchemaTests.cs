using System.Text.Json;
using McpGateway.Shared.Prompts;

namespace McpGateway.Shared.Tests.Prompts;

/// <summary>The arguments list and the argument schema describe the same thing.</summary>
public sealed class PromptArgumentSchemaTests
{
    [Fact]
    public void A_list_round_trips_through_its_schema()
    {
        PromptArgument[] arguments = [new("user", "Who to greet", true), new("tone", null, false)];

        var schema = PromptArgumentSchema.FromArguments(arguments);

        Assert.Equal("object", schema.GetProperty("type").GetString());
        Assert.Equal("string", schema.GetProperty("properties").GetProperty("user").GetProperty("type").GetString());
        Assert.Equal(["user"], schema.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(arguments, PromptArgumentSchema.ToArguments(schema));
    }

    [Fact]
    public void Required_names_without_a_property_are_listed_too()
    {
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"a":{"type":"number"}},"required":["b"]}""").RootElement;
        Assert.Equal([new PromptArgument("a", null, false), new PromptArgument("b", null, true)], PromptArgumentSchema.ToArguments(schema));
    }
}
