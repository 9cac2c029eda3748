using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace McpGateway.Host.Tests;

/// <summary>
/// Malformed MCP input on every JSON-RPC surface: each case answers the JSON-RPC error its fault deserves,
/// and nothing stored changes.
/// </summary>
public sealed class McpMalformedInputTests(McpCatalogFixture gateway) : IClassFixture<McpCatalogFixture>
{
    private const string Meta = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}";

    public static TheoryData<string, string, string, string?, int, int?> Cases() => new()
    {
        // name, body, Mcp-Method header, Mcp-Name header, HTTP status, JSON-RPC error code (null: no body expected)
        { "not JSON", """{"jsonrpc":"2.0","id":1,"method":""", "tools/list", null, 400, -32700 },
        { "JSON but not an object", "[1,2", "tools/list", null, 400, -32700 },
        { "a bare number", "42", "tools/list", null, 400, -32600 },
        { "wrong jsonrpc version", """{"jsonrpc":"1.0","id":1,"method":"tools/list","params":{""" + Meta + "}}", "tools/list", null, 400, -32600 },
        { "no jsonrpc member", """{"id":1,"method":"tools/list","params":{""" + Meta + "}}", "tools/list", null, 400, -32600 },
        { "method is a number", """{"jsonrpc":"2.0","id":1,"method":5}""", "tools/list", null, 400, -32600 },
        { "params is a string", """{"jsonrpc":"2.0","id":1,"method":"tools/list","params":"all"}""", "tools/list", null, 400, -32600 },
        { "no id: a notification, ignored", """{"jsonrpc":"2.0","method":"tools/list","params":{""" + Meta + "}}", "tools/list", null, 202, null },
        { "unknown method", """{"jsonrpc":"2.0","id":1,"method":"tools/destroy","params":{""" + Meta + "}}", "tools/destroy", null, 404, -32601 },
        { "removed in 2026-07-28", """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{""" + Meta + "}}", "initialize", null, 404, -32601 },
        { "no _meta", """{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{}}""", "tools/list", null, 400, -32602 },
        { "unknown resource", """{"jsonrpc":"2.0","id":1,"method":"resources/read","params":{"uri":"config://none",""" + Meta + "}}", "resources/read", "config://none", 200, -32602 },
        { "unknown prompt", """{"jsonrpc":"2.0","id":1,"method":"prompts/get","params":{"name":"nope",""" + Meta + "}}", "prompts/get", "nope", 200, -32602 },
        { "prompt argument of the wrong type", """{"jsonrpc":"2.0","id":1,"method":"prompts/get","params":{"name":"greet","arguments":{"user":"Mallory"},""" + Meta + "}}", "prompts/get", "greet", 200, -32602 },
        { "bad cursor", """{"jsonrpc":"2.0","id":1,"method":"resources/list","params":{"cursor":"%%%",""" + Meta + "}}", "resources/list", null, 200, -32602 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Stateless_endpoint_rejects_malformed_input_precisely(string name, string body, string method, string? routingName, int status, int? code)
    {
        var before = await SnapshotAsync();

        var response = await PostAsync("mcp", body, method, routingName);

        Assert.True((int)response.StatusCode == status, $"{name}: expected {status}, got {(int)response.StatusCode}");
        if (code is { } expected)
        {
            var error = await ErrorOfAsync(response);
            Assert.Equal(expected, error["code"]!.GetValue<int>());
            Assert.False(string.IsNullOrWhiteSpace(error["message"]?.GetValue<string>()), name);
        }

        Assert.Equal(before, await SnapshotAsync());
    }

    [Theory]
    [InlineData("eu-west", 200)]
    [InlineData("", 400)]
    [InlineData("us-east", 400)]
    [InlineData("=?base64?!!!?=", 400)]
    [InlineData("=?base64?ZXUtd2VzdA==?=", 200)]
    public async Task Parameter_headers_must_agree_with_annotated_arguments(string header, int status)
    {
        using var rest = gateway.Host.CreateClient();
        var created = await rest.PostJsonAsync("tools", """
            {"name":"regional","url":"http://127.0.0.1:1/regional","input_schema":{"type":"object","properties":{"region":{"type":"string","x-mcp-header":"Region"}}}}
            """);
        Assert.True(created.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict);
        var body = """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"regional","arguments":{"region":"eu-west"},""" + Meta + "}}";
        using var client = gateway.Host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "mcp") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Accept", "application/json, text/event-stream");
        request.Headers.TryAddWithoutValidation("MCP-Protocol-Version", "2026-07-28");
        request.Headers.TryAddWithoutValidation("Mcp-Method", "tools/call");
        request.Headers.TryAddWithoutValidation("Mcp-Name", "regional");
        if (header.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("Mcp-Param-Region", header);
        }

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(status, (int)response.StatusCode);
        if (status == 400)
        {
            Assert.Equal(-32020, (await ErrorOfAsync(response))["code"]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task Body_over_the_limit_is_413()
    {
        var huge = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"pad\":\"" + new string('x', 17 * 1024 * 1024) + "\"}}";
        var response = await PostAsync("mcp", huge, "tools/list", null);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", "", "text/event-stream", 406)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", "1999-01-01", "application/json, text/event-stream", 400)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", "", "application/json, text/event-stream", 400)]
    public async Task Session_transport_rejects_what_it_cannot_serve(string body, string version, string accept, int status)
    {
        using var client = gateway.Host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "mcp") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Accept", accept);
        if (version.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("MCP-Protocol-Version", version);
        }

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(status, (int)response.StatusCode);
    }

    [Fact]
    public async Task Unknown_session_is_404_and_a_batch_outside_2025_03_26_is_refused()
    {
        using var client = gateway.Host.CreateClient();
        var unknown = await SendAsync(client, """{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", ("Mcp-Session-Id", "bm90LWEtc2Vzc2lvbg"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(-32001, (await ErrorOfAsync(unknown))["code"]!.GetValue<int>());

        var sessionId = await InitializeAsync(client, "2025-06-18");
        var batch = await SendAsync(client, """[{"jsonrpc":"2.0","id":1,"method":"ping"},{"jsonrpc":"2.0","id":2,"method":"ping"}]""", ("Mcp-Session-Id", sessionId));
        Assert.Equal(HttpStatusCode.BadRequest, batch.StatusCode);
        Assert.Equal(-32600, (await ErrorOfAsync(batch))["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_2025_03_26_session_answers_a_batch_with_one_response_per_request()
    {
        using var client = gateway.Host.CreateClient();
        var sessionId = await InitializeAsync(client, "2025-03-26");
        var response = await SendAsync(client, """
            [{"jsonrpc":"2.0","id":1,"method":"ping"},
             {"jsonrpc":"2.0","method":"notifications/initialized"},
             {"jsonrpc":"1.0","id":2,"method":"ping"},
             {"jsonrpc":"2.0","id":3,"method":"resources/read","params":{"uri":"config://app/settings"}}]
            """, ("Mcp-Session-Id", sessionId));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!.AsArray();
        Assert.Equal(3, results.Count);
        Assert.NotNull(results.Single(r => r!["id"]?.GetValue<int>() == 1)!["result"]);
        Assert.Equal(-32600, results.Single(r => r!["error"] is not null)!["error"]!["code"]!.GetValue<int>());
        Assert.Equal("key=value", results.Single(r => r!["id"]?.GetValue<int>() == 3)!["result"]!["contents"]![0]!["text"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":""", 400, -32700)]
    [InlineData("""{"jsonrpc":"2.0","method":"list_tools"}""", 202, null)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"no_such_tool_or_method"}""", 200, -32601)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"prompts/get","params":{"name":"greet"}}""", 200, -32602)]
    public async Task Rpc_endpoint_rejects_malformed_input_precisely(string body, int status, int? code)
    {
        var before = await SnapshotAsync();
        using var client = gateway.Host.CreateClient();
        var response = await client.PostJsonAsync("rpc", body);
        Assert.Equal(status, (int)response.StatusCode);
        if (code is { } expected)
        {
            Assert.Equal(expected, (await ErrorOfAsync(response))["code"]!.GetValue<int>());
        }

        Assert.Equal(before, await SnapshotAsync());
    }

    /// <summary>JSON-RPC bodies that are not sound JSON text, as bytes (some are not UTF-8 at all).</summary>
    public static TheoryData<string, byte[], int> UnsoundBodies() => new()
    {
        // name, body, JSON-RPC error code
        { "a duplicate member", Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":1,"id":2,"method":"ping"}"""), -32600 },
        { "a duplicate member in params", Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":1,"method":"ping","params":{"a":1,"a":2}}"""), -32600 },
        { "invalid UTF-8", [.. "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"x\":\""u8, 0xFF, 0xFE, .. "\"}}"u8], -32700 },
        { "overlong UTF-8", [.. "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\""u8, 0xC0, 0xAF, .. "\":1}}"u8], -32700 },
        { "a lone surrogate escape", Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":"\ud800","method":"ping"}"""), -32700 },
    };

    [Theory]
    [MemberData(nameof(UnsoundBodies))]
    public async Task Unsound_json_is_a_4xx_json_rpc_error_on_every_surface(string name, byte[] body, int code)
    {
        using var client = gateway.Host.CreateClient();
        var sessionId = await InitializeAsync(client, "2025-06-18");
        var surfaces = new (string Path, (string Name, string Value)[] Headers)[]
        {
            ("mcp", [("MCP-Protocol-Version", "2026-07-28"), ("Mcp-Method", "ping")]),
            ("mcp", [("Mcp-Session-Id", sessionId)]),
            ("mcp", []),
            ($"servers/{gateway.ServerId}/mcp", [("MCP-Protocol-Version", "2026-07-28"), ("Mcp-Method", "ping")]),
            ("rpc", []),
        };
        foreach (var (path, headers) in surfaces)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/json");
            request.Headers.TryAddWithoutValidation("Accept", "application/json, text/event-stream");
            foreach (var (header, value) in headers)
            {
                request.Headers.TryAddWithoutValidation(header, value);
            }

            var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            var where = $"{name} on {path} with {string.Join(", ", headers.Select(h => h.Name))}";
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{where}: got {(int)response.StatusCode}");
            var error = await ErrorOfAsync(response);
            Assert.True(code == error["code"]!.GetValue<int>(), $"{where}: got {error.ToJsonString()}");
            Assert.False(string.IsNullOrWhiteSpace(error["message"]?.GetValue<string>()), where);
        }
    }

    public static TheoryData<string, string, string> BadInitializeParams() => new()
    {
        // name, path, params member ("" for none)
        { "no params on /mcp", "mcp", "" },
        { "protocolVersion a number on /mcp", "mcp", ""","params":{"protocolVersion":5,"capabilities":{},"clientInfo":{"name":"t","version":"1"}}""" },
        { "no clientInfo on /mcp", "mcp", ""","params":{"protocolVersion":"2025-06-18","capabilities":{}}""" },
        { "capabilities a string on /rpc", "rpc", ""","params":{"protocolVersion":"2025-06-18","capabilities":"x","clientInfo":{"name":"t","version":"1"}}""" },
        { "params empty on /rpc", "rpc", ""","params":{}""" },
    };

    [Theory]
    [MemberData(nameof(BadInitializeParams))]
    public async Task Initialize_with_missing_or_mistyped_params_is_invalid_params(string name, string path, string parameters)
    {
        using var client = gateway.Host.CreateClient();
        var body = """{"jsonrpc":"2.0","id":7,"method":"initialize""" + "\"" + parameters + "}";
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Accept", "application/json, text/event-stream");

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{name}: got {(int)response.StatusCode}");
        var error = await ErrorOfAsync(response);
        Assert.Equal(-32602, error["code"]!.GetValue<int>());
        Assert.Contains("initialize", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Initialize_with_mistyped_params_inside_a_session_is_invalid_params_alone_and_in_a_batch()
    {
        using var client = gateway.Host.CreateClient();
        var sessionId = await InitializeAsync(client, "2025-03-26");
        const string initialize = """{"jsonrpc":"2.0","id":8,"method":"initialize","params":{"protocolVersion":5,"capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""";

        var alone = await SendAsync(client, initialize, ("Mcp-Session-Id", sessionId));
        var batch = await SendAsync(client, "[" + initialize + """,{"jsonrpc":"2.0","id":9,"method":"ping"}]""", ("Mcp-Session-Id", sessionId));

        Assert.Equal(HttpStatusCode.BadRequest, alone.StatusCode);
        Assert.Equal(-32602, (await ErrorOfAsync(alone))["code"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);
        var results = JsonNode.Parse(await batch.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!.AsArray();
        Assert.Equal(-32602, results.Single(r => r!["id"]?.GetValue<int>() == 8)!["error"]!["code"]!.GetValue<int>());
        Assert.NotNull(results.Single(r => r!["id"]?.GetValue<int>() == 9)!["result"]);
    }

    private async Task<HttpResponseMessage> PostAsync(string path, string body, string method, string? routingName)
    {
        using var client = gateway.Host.CreateClient();
        return await client.PostStatelessMcpAsync(path, body, method, routingName);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string body, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "mcp") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Accept", "application/json, text/event-stream");
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static async Task<string> InitializeAsync(HttpClient client, string version)
    {
        var initialize = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = 0,
            ["method"] = "initialize",
            ["params"] = new JsonObject { ["protocolVersion"] = version, ["capabilities"] = new JsonObject(), ["clientInfo"] = new JsonObject { ["name"] = "t", ["version"] = "1" } },
        };
        var response = await SendAsync(client, initialize.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.GetValues("Mcp-Session-Id").Single();
    }

    /// <summary>The error member of a JSON or SSE response.</summary>
    private static async Task<JsonNode> ErrorOfAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var json = response.Content.Headers.ContentType?.MediaType == "text/event-stream"
            ? text.Split('\n').Where(l => l.StartsWith("data:", StringComparison.Ordinal)).Select(l => l[5..]).Last()
            : text;
        return JsonNode.Parse(json)!["error"] ?? throw new InvalidOperationException("No error in: " + text);
    }

    /// <summary>The catalog as the REST API lists it, without metrics (reads are allowed to count).</summary>
    private async Task<string> SnapshotAsync()
    {
        using var client = gateway.Host.CreateClient();
        var parts = new List<string>();
        foreach (var kind in new[] { "tools", "resources", "prompts", "servers", "gateways", "roots" })
        {
            var list = JsonNode.Parse(await client.GetStringAsync($"{kind}?include_inactive=true", TestContext.Current.CancellationToken))!.AsArray();
            foreach (var item in list.OfType<JsonObject>())
            {
                item.Remove("metrics");
            }

            parts.Add(list.ToJsonString());
        }

        return string.Join('\n', parts);
    }
}
