using System.Text.Json;
using McpGateway.Shared.Catalog.Tools;

namespace McpGateway.Shared.Tests.Tools;

/// <summary>Tool arguments checked against the input schema, each violation naming the argument at fault.</summary>
public sealed class ToolArgumentValidatorTests : IDisposable
{
    private static readonly JsonElement Schema = Json("""
        {
          "type": "object",
          "properties": {
            "timezone": {"type": "string"},
            "count": {"type": "integer", "minimum": 1},
            "unit": {"enum": ["c", "f"]},
            "items": {"type": "array", "items": {"$ref": "#/$defs/item"}}
          },
          "required": ["timezone"],
          "additionalProperties": false,
          "$defs": {"item": {"type": "object", "required": ["id"], "properties": {"id": {"type": ["integer", "string"]}}}}
        }
        """);

    private readonly ToolArgumentValidator validator = new(cacheSize: 3);

    [Fact]
    public void Arguments_that_fit_have_no_violations()
    {
        Assert.Empty(Validate(Schema, """{"timezone":"UTC","count":2,"unit":"c","items":[{"id":1},{"id":"b"}]}"""));
    }

    [Fact]
    public void Missing_required_argument_is_named()
    {
        var violation = Assert.Single(Validate(Schema, """{"count":2}"""));
        Assert.Equal(new ToolArgumentViolation("timezone", "required property 'timezone' is missing"), violation);
    }

    [Fact]
    public void Null_or_absent_arguments_are_an_empty_object()
    {
        Assert.Equal(["timezone"], validator.Validate(Schema, null).Select(v => v.Argument));
        Assert.Empty(validator.Validate(Json("""{"type":"object","properties":{"a":{"type":"string"}}}"""), null));
    }

    [Fact]
    public void Wrong_types_enum_values_and_limits_are_named()
    {
        var violations = Validate(Schema, """{"timezone":5,"count":0.5,"unit":"k"}""");

        Assert.Contains(new ToolArgumentViolation("timezone", "expected string, got number"), violations);
        Assert.Contains(new ToolArgumentViolation("count", "expected integer, got number"), violations);
        Assert.Contains(new ToolArgumentViolation("unit", "must be one of \"c\", \"f\""), violations);

        // 0.5 also breaks "minimum": every violation is reported, not only the first.
        Assert.Equal(2, violations.Count(v => v.Argument == "count"));
    }

    [Fact]
    public void Nested_violations_are_named_by_path()
    {
        var violations = Validate(Schema, """{"timezone":"UTC","items":[{"name":"x"},{"id":true}]}""");

        Assert.Contains(new ToolArgumentViolation("items/0/id", "required property 'id' is missing"), violations);
        Assert.Contains(new ToolArgumentViolation("items/1/id", "expected integer or string, got boolean"), violations);
    }

    [Fact]
    public void Unknown_argument_is_named_when_the_schema_forbids_others()
    {
        var violation = Assert.Single(Validate(Schema, """{"timezone":"UTC","zone":"x"}"""));
        Assert.Equal("zone", violation.Argument);
        Assert.Equal("zone: is not an accepted argument here", violation.ToString());
    }

    [Fact]
    public void Other_keywords_keep_the_schema_librarys_message()
    {
        var violation = Assert.Single(Validate(Schema, """{"timezone":"UTC","count":0}"""));
        Assert.Equal("count", violation.Argument);
        Assert.False(string.IsNullOrWhiteSpace(violation.Message));
    }

    [Fact]
    public void Violations_read_as_one_message()
    {
        var text = ToolArgumentViolation.Describe(Validate(Schema, """{"count":"x"}"""));
        Assert.Equal("Invalid arguments: timezone: required property 'timezone' is missing; count: expected integer, got string.", text);
    }

    [Fact]
    public void Built_schemas_are_cached_by_their_text_within_a_bound()
    {
        var sameText = Json(Schema.GetRawText());
        Validate(Schema, "{}");
        Validate(sameText, "{}");
        Assert.Equal(1, validator.CachedSchemaCount);

        for (var i = 0; i < 6; i++)
        {
            var schema = Json($$"""{"type":"object","required":["p{{i}}"]}""");
            Assert.Equal($"p{i}", Assert.Single(Validate(schema, "{}")).Argument);
        }

        Assert.InRange(validator.CachedSchemaCount, 1, 3);
    }

    [Fact]
    public void A_cached_schema_evaluates_calls_in_parallel_independently()
    {
        var outcomes = new bool[200];
        Parallel.For(0, outcomes.Length, i =>
        {
            var arguments = i % 2 == 0 ? $$"""{"timezone":"UTC","items":[{"id":{{i}}}]}""" : $$"""{"count":{{i}}}""";
            var violations = Validate(Schema, arguments);
            outcomes[i] = i % 2 == 0 ? violations.Count == 0 : violations.Single().Argument == "timezone";
        });

        Assert.All(outcomes, Assert.True);
    }

    public void Dispose() => validator.Dispose();

    private IReadOnlyList<ToolArgumentViolation> Validate(JsonElement schema, string arguments) =>
        validator.Validate(schema, JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(arguments));

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
