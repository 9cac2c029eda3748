using System.Text.Json.Nodes;
using McpGateway.Shared.Http;

namespace McpGateway.Shared.Tests.Http;

public sealed class FieldNamesTests
{
    [Theory]
    [InlineData("input_schema", "inputSchema")]
    [InlineData("inputSchema", "inputSchema")]
    [InlineData("auth_header_value", "authHeaderValue")]
    [InlineData("name", "name")]
    [InlineData("_private_field", "privateField")]
    public void Snake_case_becomes_camel_case(string name, string expected) => Assert.Equal(expected, FieldNames.ToCamelCase(name));

    [Fact]
    public void Only_envelope_and_named_nested_keys_are_renamed()
    {
        var body = JsonNode.Parse("""
            {"input_schema":{"properties":{"snake_arg":{"type":"string"}}},
             "headers":{"x_custom_header":"v"},
             "auth":{"auth_type":"basic","auth_headers":[{"key":"k","value":"v"}]}}
            """)!.AsObject();

        var normalized = FieldNames.Normalize(body, new HashSet<string> { "auth", "authHeaders" });

        Assert.NotNull(normalized["inputSchema"]!["properties"]!["snake_arg"]);
        Assert.NotNull(normalized["headers"]!["x_custom_header"]);
        Assert.Equal("basic", normalized["auth"]!["authType"]!.GetValue<string>());
        Assert.Equal("k", normalized["auth"]!["authHeaders"]![0]!["key"]!.GetValue<string>());
    }
}
