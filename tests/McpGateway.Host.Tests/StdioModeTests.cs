using System.Diagnostics;
using System.Text.Json.Nodes;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpGateway.Host.Tests;

/// <summary>
/// The container host's stdio mode, started as a real process by the C# SDK's stdio client on the catalog that a
/// running HTTP host filled (same storage, same prefix).
/// </summary>
public sealed class StdioModeTests(TransportGatewayFixture gateway) : IClassFixture<TransportGatewayFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stdio_client_uses_the_whole_catalog()
    {
        await using var client = await ConnectAsync([StdioMode]);

        var tools = await client.ListToolsAsync(cancellationToken: Ct);
        Assert.Contains(tools, t => t.Name == TransportGatewayFixture.ToolName);
        var call = await client.CallToolAsync(TransportGatewayFixture.ToolName, new Dictionary<string, object?> { ["text"] = "over stdio" }, cancellationToken: Ct);
        Assert.NotEqual(true, call.IsError);
        Assert.Equal("""{"text":"over stdio"}""", gateway.Upstream.Requests[^1].Body);
        var resource = await client.ReadResourceAsync("config://app/settings", cancellationToken: Ct);
        Assert.Equal("key=value", Assert.IsType<TextResourceContents>(Assert.Single(resource.Contents)).Text);
        var prompt = await client.GetPromptAsync("greet", new Dictionary<string, object?> { ["user"] = "Alice" }, cancellationToken: Ct);
        Assert.Equal("Hello, Alice!", Assert.IsType<TextContentBlock>(Assert.Single(prompt.Messages).Content).Text);
    }

    [Fact]
    public async Task Catalog_changes_made_through_the_http_host_reach_the_stdio_client()
    {
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var client = await ConnectAsync([StdioMode], protocolVersion: "2025-11-25", handlers: new McpClientHandlers
        {
            NotificationHandlers = [new(NotificationMethods.PromptListChangedNotification, (_, _) =>
            {
                changed.TrySetResult();
                return ValueTask.CompletedTask;
            })],
        });
        await client.PingAsync(cancellationToken: Ct);

        using var rest = gateway.Host.CreateClient();
        await (await rest.PostJsonAsync("prompts", """{"name":"stdio_notice","template":"hi"}""")).ExpectAsync(System.Net.HttpStatusCode.Created);

        await changed.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct); // through the shared event log, from another process
    }

    [Fact]
    public async Task Server_option_serves_one_virtual_server()
    {
        await using var client = await ConnectAsync([StdioMode, "--server", gateway.ToolServerId]);

        Assert.Equal(TransportGatewayFixture.ToolName, Assert.Single(await client.ListToolsAsync(cancellationToken: Ct)).Name);
        Assert.Empty(await client.ListPromptsAsync(cancellationToken: Ct));
    }

    [Fact]
    public async Task Transport_type_stdio_serves_stdio_without_a_command()
    {
        await using var client = await ConnectAsync([], new Dictionary<string, string?> { ["TRANSPORT_TYPE"] = "stdio" });

        Assert.Contains(await client.ListToolsAsync(cancellationToken: Ct), t => t.Name == TransportGatewayFixture.ToolName);
    }

    [Fact]
    public async Task Stdout_carries_only_mcp_messages_while_logs_go_to_stderr()
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(GatewayHostProcess.HostAssembly),
        };
        info.ArgumentList.Add(GatewayHostProcess.HostAssembly);
        info.ArgumentList.Add(StdioMode);
        foreach (var (key, value) in Settings(new Dictionary<string, string?> { ["LOG_LEVEL"] = "DEBUG" }))
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        await process.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""");
        await process.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");
        await process.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/list"}""");
        var lines = new List<JsonNode>();
        while (lines.Count < 2 && await process.StandardOutput.ReadLineAsync(Ct) is { } line)
        {
            lines.Add(JsonNode.Parse(line)!); // a log line here would not parse
        }

        process.StandardInput.Close(); // the client goes away: the process ends by itself
        lines.AddRange((await process.StandardOutput.ReadToEndAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!));
        await process.WaitForExitAsync(Ct);

        Assert.Equal(0, process.ExitCode);
        Assert.All(lines, message => Assert.Equal("2.0", message["jsonrpc"]!.GetValue<string>()));
        Assert.Contains(lines, m => m["id"]?.GetValue<int>() == 2 && m["result"]!["tools"]!.AsArray().Count > 0);
        Assert.Contains("dbug:", await stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_virtual_server_stops_with_a_message()
    {
        await using var process = GatewayHostProcess.Start(Settings(), StdioMode, "--server", "no-such-server");

        Assert.Equal(1, await process.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("No enabled virtual server 'no-such-server'", process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Storage_that_cannot_be_reached_stops_with_one_clear_line()
    {
        var deadPort = FreePorts.Take(1)[0].ToString(System.Globalization.CultureInfo.InvariantCulture);
        var unreachable = gateway.Storage.ConnectionString
            .Replace($":{gateway.Storage.Azurite.TablePort}/", $":{deadPort}/", StringComparison.Ordinal)
            .Replace($":{gateway.Storage.Azurite.BlobPort}/", $":{deadPort}/", StringComparison.Ordinal);
        var settings = GatewayHostProcess.Settings(unreachable, gateway.Host.StoragePrefix, port: 0, new Dictionary<string, string?> { ["LOG_LEVEL"] = "INFO" });
        await using var process = GatewayHostProcess.Start(settings, StdioMode);

        Assert.NotEqual(0, await process.WaitForExitAsync(TimeSpan.FromSeconds(120)));
        Assert.Contains("storage", process.Output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", process.Output, StringComparison.Ordinal);
    }

    private const string StdioMode = "stdio";

    private Dictionary<string, string?> Settings(IReadOnlyDictionary<string, string?>? overrides = null) =>
        GatewayHostProcess.Settings(gateway.Storage.ConnectionString, gateway.Host.StoragePrefix, port: 0, overrides);

    private async Task<McpClient> ConnectAsync(IList<string> arguments, IReadOnlyDictionary<string, string?>? overrides = null, string? protocolVersion = null, McpClientHandlers? handlers = null) =>
        await McpClient.CreateAsync(
            new StdioClientTransport(new StdioClientTransportOptions
            {
                Command = "dotnet",
                Arguments = [GatewayHostProcess.HostAssembly, .. arguments],
                EnvironmentVariables = Settings(overrides),
                WorkingDirectory = Path.GetDirectoryName(GatewayHostProcess.HostAssembly),
                Name = "gateway-stdio",
            }),
            new McpClientOptions { ProtocolVersion = protocolVersion, ClientInfo = new() { Name = "stdio-tests", Version = "1.0" }, Handlers = handlers ?? new() },
            cancellationToken: Ct);
}
