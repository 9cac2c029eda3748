using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ModelContextProtocol.Client;

namespace McpGateway.Host.Tests;

/// <summary>A gateway host with a small catalog of resources, a template and prompts, for MCP client tests.</summary>
public class McpCatalogFixture(AzuriteFixture azurite) : GatewayHostFixture(azurite), IAsyncLifetime
{
    public string ServerId { get; private set; } = string.Empty;

    ValueTask IAsyncLifetime.InitializeAsync() => InitializeCatalogAsync();

    /// <summary>Starts the host and fills its catalog.</summary>
    protected async ValueTask InitializeCatalogAsync()
    {
        await InitializeAsync();
        using var client = Host.CreateClient();
        foreach (var body in new[]
        {
            """{"uri":"config://app/settings","name":"App settings","content":"key=value"}""",
            """{"uri":"data://image/pixel","name":"Pixel","blob":"iVBORw0KGgo=","mime_type":"image/png"}""",
            """{"uri":"file:///logs/{date}.txt","name":"Daily log","content":"Log of {date}","mime_type":"text/plain"}""",
            """{"uri":"file:///logs/2024-05-01.txt","name":"May day log","content":"busy"}""",
        })
        {
            await (await client.PostJsonAsync("resources", body)).ExpectAsync(HttpStatusCode.Created);
        }

        await (await client.PostJsonAsync("prompts", """
            {"name":"greet","template":"Hello, {{ user }}!","argument_schema":{"type":"object","properties":{"user":{"type":"string","enum":["Alice","Albert","Bob"]}},"required":["user"]}}
            """)).ExpectAsync(HttpStatusCode.Created);
        await (await client.PostJsonAsync("prompts", """{"name":"hidden_prompt","template":"Not on the server"}""")).ExpectAsync(HttpStatusCode.Created);
        var server = await (await client.PostJsonAsync("servers", """
            {"name":"mcp_scope","associated_resources":["config://app/settings"],"associated_prompts":["greet"]}
            """)).ExpectAsync(HttpStatusCode.Created);
        ServerId = server["id"]!.GetValue<string>();
    }

    /// <summary>An MCP client of the official C# SDK speaking <paramref name="protocolVersion"/> to <paramref name="path"/>.</summary>
    public async Task<McpClient> ConnectAsync(
        string protocolVersion, string path = "mcp", IReadOnlyDictionary<string, string>? headers = null, McpClientHandlers? handlers = null)
    {
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(Host.BaseAddress, path),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string>(headers ?? new Dictionary<string, string>())
            {
                ["Authorization"] = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{GatewayHostProcess.User}:{GatewayHostProcess.Password}"))).ToString(),
            },
        });
        return await McpClient.CreateAsync(
            transport,
            new McpClientOptions { ProtocolVersion = protocolVersion, ClientInfo = new() { Name = "gateway-tests", Version = "1.0" }, Handlers = handlers ?? new() },
            cancellationToken: TestContext.Current.CancellationToken);
    }
}
