using System.Net;
using System.Text.Json.Nodes;

namespace McpGateway.Host.Tests;

/// <summary>
/// A name, id or URI too long for a storage key names nothing: each path gives its usual not-found answer
/// (a 422 naming the field, a JSON-RPC error), never a 5xx, and the value is never put to storage as a key.
/// </summary>
public sealed class OverlongKeyTests(GatewayHostFixture gateway) : IClassFixture<GatewayHostFixture>
{
    private static readonly string Overlong = new('n', 12_000);

    [Fact]
    public async Task Server_associating_an_overlong_tool_is_422_naming_the_field()
    {
        using var client = gateway.Host.CreateClient();
        var body = new JsonObject { ["name"] = "overlong-association", ["associated_tools"] = new JsonArray(Overlong) };

        var problem = await (await client.PostJsonAsync("servers", body.ToJsonString())).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("associated_tools", problem["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rpc_method_of_a_megabyte_is_method_not_found()
    {
        using var client = gateway.Host.CreateClient();
        var body = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = 1, ["method"] = new string('m', 1024 * 1024) };

        var answer = await (await client.PostJsonAsync("rpc", body.ToJsonString())).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(-32601, answer["error"]!["code"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("tools/call", "name", -32602)]
    [InlineData("prompts/get", "name", -32602)]
    [InlineData("resources/read", "uri", -32002)]
    public async Task Mcp_lookup_of_an_overlong_name_is_the_methods_not_found_error(string method, string parameter, int code)
    {
        using var client = gateway.Host.CreateClient();
        var body = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = 1, ["method"] = method, ["params"] = new JsonObject { [parameter] = Overlong } };

        var answer = await (await client.PostJsonAsync("rpc", body.ToJsonString())).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(code, answer["error"]!["code"]!.GetValue<int>());
    }
}
