using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpGateway.Host.Tests;

/// <summary>
/// mcpgateway-wrapper end to end: the C# SDK's stdio client starts the wrapper, which forwards to a running gateway
/// over Streamable HTTP with a bearer token.
/// </summary>
public sealed class WrapperTests(TransportGatewayFixture gateway) : IClassFixture<TransportGatewayFixture>
{
    /// <summary>How a stack trace's frames begin; a failure to start says what went wrong in one line, the trace only at DEBUG.</summary>
    private const string StackFrame = "   at ";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string WrapperAssembly =>
        RepositoryPaths.Combine("src", "Wrapper", "bin", RepositoryPaths.Configuration, "net10.0", "McpGateway.Wrapper.dll");

    [Fact]
    public async Task Stdio_client_uses_a_remote_gateway_through_the_wrapper()
    {
        await using var client = await ConnectAsync(gateway.Host.BaseAddress.ToString());

        Assert.Equal("MCP Gateway", client.ServerInfo?.Name);
        Assert.Contains(await client.ListToolsAsync(cancellationToken: Ct), t => t.Name == TransportGatewayFixture.ToolName);
        var call = await client.CallToolAsync(TransportGatewayFixture.ToolName, new Dictionary<string, object?> { ["text"] = "wrapped" }, cancellationToken: Ct);
        Assert.NotEqual(true, call.IsError);
        Assert.Equal("""{"text":"wrapped"}""", gateway.Upstream.Requests[^1].Body);
        var resource = await client.ReadResourceAsync("file:///logs/2024-06-02.txt", cancellationToken: Ct);
        Assert.Equal("Log of 2024-06-02", Assert.IsType<TextResourceContents>(Assert.Single(resource.Contents)).Text);
        var prompt = await client.GetPromptAsync("greet", new Dictionary<string, object?> { ["user"] = "Bob" }, cancellationToken: Ct);
        Assert.Equal("Hello, Bob!", Assert.IsType<TextContentBlock>(Assert.Single(prompt.Messages).Content).Text);
        var completion = await client.CompleteAsync(new PromptReference { Name = "greet" }, "user", "Al", cancellationToken: Ct);
        Assert.Equal(["Albert", "Alice"], completion.Completion.Values.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Virtual_server_url_exposes_only_that_servers_items()
    {
        await using var client = await ConnectAsync(new Uri(gateway.Host.BaseAddress, $"servers/{gateway.ToolServerId}").ToString());

        Assert.Equal(TransportGatewayFixture.ToolName, Assert.Single(await client.ListToolsAsync(cancellationToken: Ct)).Name);
    }

    [Fact]
    public async Task Gateway_errors_come_back_unchanged()
    {
        await using var client = await ConnectAsync(gateway.Host.BaseAddress.ToString());

        var error = await Assert.ThrowsAsync<McpProtocolException>(() => client.CallToolAsync("no_such_tool", cancellationToken: Ct).AsTask());

        Assert.Equal(McpErrorCode.InvalidParams, error.ErrorCode);
        Assert.Contains("no_such_tool", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Slow_tool_call_ends_after_mcp_tool_call_timeout()
    {
        gateway.Upstream.Answer(new UpstreamAnswer(Body: """{"echoed":true}""") { Delay = TimeSpan.FromSeconds(30) });
        try
        {
            await using var client = await ConnectAsync(gateway.Host.BaseAddress.ToString(), new Dictionary<string, string?> { ["MCP_TOOL_CALL_TIMEOUT"] = "1" });

            var error = await Assert.ThrowsAsync<McpProtocolException>(() =>
                client.CallToolAsync(TransportGatewayFixture.ToolName, cancellationToken: Ct).AsTask());

            Assert.Contains("MCP_TOOL_CALL_TIMEOUT", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            gateway.Upstream.Answer(new UpstreamAnswer(Body: """{"echoed":true}"""));
        }
    }

    [Fact]
    public async Task Refused_token_stops_the_wrapper_with_a_message_that_keeps_the_token_secret()
    {
        const string wrongToken = "not-a-valid-token";
        await using var wrapper = ChildProcess.Start(
            "dotnet", [WrapperAssembly], Settings(gateway.Host.BaseAddress.ToString(), new Dictionary<string, string?> { ["MCP_AUTH_TOKEN"] = wrongToken, ["MCP_WRAPPER_LOG_LEVEL"] = "INFO" }));

        Assert.Equal(1, await wrapper.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("cannot reach the gateway", wrapper.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongToken, wrapper.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(StackFrame, wrapper.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gateway_that_cannot_be_reached_stops_the_wrapper_with_one_clear_line()
    {
        var nowhere = $"http://127.0.0.1:{FreePorts.Take(1)[0]}/";
        await using var wrapper = ChildProcess.Start("dotnet", [WrapperAssembly], Settings(nowhere, new Dictionary<string, string?> { ["MCP_WRAPPER_LOG_LEVEL"] = "INFO" }));

        Assert.Equal(1, await wrapper.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains($"cannot reach the gateway at {nowhere}", wrapper.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(StackFrame, wrapper.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MCP_SERVER_CATALOG_URLS", "")]
    [InlineData("MCP_SERVER_CATALOG_URLS", "ftp://gateway")]
    [InlineData("MCP_SERVER_CATALOG_URLS", "http://a:4444,http://b:4444")]
    [InlineData("MCP_TOOL_CALL_TIMEOUT", "0")]
    [InlineData("MCP_WRAPPER_LOG_LEVEL", "CHATTY")]
    public async Task Bad_setting_stops_the_wrapper_naming_it(string setting, string value)
    {
        await using var wrapper = ChildProcess.Start("dotnet", [WrapperAssembly], Settings(gateway.Host.BaseAddress.ToString(), new Dictionary<string, string?> { [setting] = value }));

        Assert.Equal(1, await wrapper.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains(setting, wrapper.Output, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Settings(string catalogUrl, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["MCP_SERVER_CATALOG_URLS"] = catalogUrl,
            ["MCP_AUTH_TOKEN"] = TransportGatewayFixture.BearerToken("wrapper-user"),
            ["MCP_WRAPPER_LOG_LEVEL"] = "DEBUG",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    private static async Task<McpClient> ConnectAsync(string catalogUrl, IReadOnlyDictionary<string, string?>? overrides = null) =>
        await McpClient.CreateAsync(
            new StdioClientTransport(new StdioClientTransportOptions
            {
                Command = "dotnet",
                Arguments = [WrapperAssembly],
                EnvironmentVariables = Settings(catalogUrl, overrides),
                Name = "mcpgateway-wrapper",
            }),
            new McpClientOptions { ClientInfo = new() { Name = "wrapper-tests", Version = "1.0" } },
            cancellationToken: Ct);
}
