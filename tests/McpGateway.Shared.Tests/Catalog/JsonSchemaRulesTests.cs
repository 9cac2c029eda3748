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

    [Fact]
    public void A_schema_whose_reference_leads_nowhere_is_refused()
    {
        var problem = Assert.Throws<ApiProblem>(() => JsonSchemaRules.ObjectSchema(JsonDocument.Parse("""{"$ref":"#/x"}""").RootElement, "argument_schema"));
        Assert.Equal((422, "argument_schema"), (problem.Status, problem.Field));
    }

    [Fact]
    public void Arguments_checked_against_an_upstream_schema_whose_reference_leads_nowhere_are_refused_with_the_reason()
    {
        using var validator = new ToolArgumentValidator();
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"a":{"$ref":"#/$defs/missing"}}}""").RootElement;
        var violation = Assert.Single(validator.Validate(schema, new Dictionary<string, JsonElement> { ["a"] = JsonSerializer.SerializeToElement(1) }));
        Assert.StartsWith("the tool's input schema cannot be evaluated", violation.Message, StringComparison.Ordinal);
    }
}
