using System.Text.Json;
using McpGateway.Shared.Catalog;
using McpGateway.Shared.Catalog.Tools;
using McpGateway.Shared.Http;

namespace McpGateway.Shared.Tests.Catalog;

/// <summary>Schemas without <c>$schema</c> are JSON Schema 2020-12, as MCP specifies: unknown keywords are annotations.</summary>
public sealed class JsonSchemaRulesTests
{
    private const string WithHeaderAnnotation = """
        {"type":"object","properties":{"region":{"type":"string","x-mcp-header":"Region"}},"required":["region"]}
        """;

    [Fact]
    public void An_annotation_keyword_is_accepted_and_kept()
    {
        var schema = JsonSchemaRules.ObjectSchema(JsonDocument.Parse(WithHeaderAnnotation).RootElement, "input_schema");
        Assert.Equal("Region", schema.GetProperty("properties").GetProperty("region").GetProperty("x-mcp-header").GetString());
    }

    [Fact]
    public void Arguments_are_checked_against_a_schema_with_annotations()
    {
        using var validator = new ToolArgumentValidator();
        var schema = JsonDocument.Parse(WithHeaderAnnotation).RootElement;
        Assert.Empty(validator.Validate(schema, new Dictionary<string, JsonElement> { ["region"] = JsonSerializer.SerializeToElement("eu") }));
        Assert.Equal("region", Assert.Single(validator.Validate(schema, null)).Argument);
    }

    [Fact]
    public void A_schema_that_breaks_the_meta_schema_is_still_refused()
    {
        var problem = Assert.Throws<ApiProblem>(() => JsonSchemaRules.ObjectSchema(JsonDocument.Parse("""{"type":"object","properties":{"a":{"type":5}}}""").RootElement, "input_schema"));
        Assert.Equal(422, problem.Status);
    }
}
