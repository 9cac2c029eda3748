using System.Text.Json;
using System.Text.Json.Nodes;
using McpGateway.Shared.Catalog.Tools;
using McpGateway.Shared.Transports.StreamableHttp;

namespace McpGateway.Shared.Tests.Transports;

/// <summary>Which stateless tools/call requests the gateway answers without a server core, and which it leaves to one.</summary>
public sealed class RestToolShortcutTests
{
    private const string PlainMeta = """
        "io.modelcontextprotocol/protocolVersion":"2026-07-28",
        "io.modelcontextprotocol/clientCapabilities":{"elicitation":{}},
        "io.modelcontextprotocol/clientInfo":{"name":"client","version":"1.0"},
        "io.modelcontextprotocol/logLevel":"info"
        """;

    private static readonly ToolRecord RestTool = new()
    {
        Id = "t1",
        Name = "echo",
        Url = "http://127.0.0.1:9/echo",
        IntegrationType = ToolService.Rest,
        RequestType = "POST",
        InputSchema = JsonDocument.Parse("""{"type":"object"}""").RootElement,
        CreatedAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public void Takes_a_rest_tool_call_whose_metadata_is_what_every_client_sends()
    {
        var parameters = RestToolShortcut.Accepts(RestTool, WithPlainMeta("""
            "name":"echo","arguments":{"text":"hi"}
            """));

        Assert.NotNull(parameters);
        Assert.Equal("echo", parameters.Name);
        Assert.Equal("hi", parameters.Arguments!["text"].GetString());
    }

    [Theory]
    [InlineData("a progress token, which asks for what only a server core streams", ""","progressToken":"p1" """)]
    [InlineData("a log level that is no level", ""","io.modelcontextprotocol/logLevel":"loud" """)]
    [InlineData("client info without its version", ""","io.modelcontextprotocol/clientInfo":{"name":"client"} """)]
    [InlineData("capabilities that are not an object", ""","io.modelcontextprotocol/clientCapabilities":[] """)]
    public void Leaves_to_the_server_core_a_call_with_metadata_it_must_judge(string why, string extra)
    {
        var meta = JsonNode.Parse("{" + PlainMeta + "}")!.AsObject();
        foreach (var (key, value) in JsonNode.Parse("{" + extra.TrimStart(',') + "}")!.AsObject())
        {
            meta[key] = value?.DeepClone();
        }

        var parameters = new JsonObject { ["name"] = "echo", ["_meta"] = meta };

        Assert.True(RestToolShortcut.Accepts(RestTool, parameters) is null, why);
    }

    [Fact]
    public void Leaves_to_the_server_core_a_federated_tool_and_params_that_do_not_read_as_a_call()
    {
        var federated = RestTool with { IntegrationType = "MCP", RequestType = "STREAMABLEHTTP", GatewayId = "g1" };

        Assert.Null(RestToolShortcut.Accepts(federated, WithPlainMeta("\"name\":\"echo\"")));
        Assert.Null(RestToolShortcut.Accepts(RestTool, WithPlainMeta("\"name\":\"echo\",\"arguments\":[1]")));
        Assert.Null(RestToolShortcut.Accepts(RestTool, Params("""{"name":"echo"}""")));
    }

    private static JsonObject Params(string json) => JsonNode.Parse(json)!.AsObject();

    /// <summary>Params of <paramref name="fields"/> and the metadata every client sends.</summary>
    private static JsonObject WithPlainMeta(string fields) => Params("{" + fields + ",\"_meta\":{" + PlainMeta + "}}");
}
