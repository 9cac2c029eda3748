using System.Net;
using System.Net.Http.Headers;
using System.Text;
using McpGateway.Shared.Auth;
using McpGateway.Shared.Configuration;
using Microsoft.Extensions.Options;

namespace McpGateway.Host.Tests;

/// <summary>
/// A gateway for the long-lived transports: the MCP test catalog plus a REST tool backed by a real local API, and a
/// virtual server holding only that tool; WebSocket pings every second.
/// </summary>
public sealed class TransportGatewayFixture(AzuriteFixture azurite) : McpCatalogFixture(azurite), IAsyncLifetime
{
    public const string ToolName = "transport_echo";

    public UpstreamServer Upstream { get; private set; } = null!;

    /// <summary>The virtual server holding only <see cref="ToolName"/>.</summary>
    public string ToolServerId { get; private set; } = string.Empty;

    public static string BasicCredentials { get; } =
        new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{GatewayHostProcess.User}:{GatewayHostProcess.Password}"))).ToString();

    /// <summary>A bearer token the gateway accepts, for <paramref name="user"/>.</summary>
    public static string BearerToken(string user) =>
        new TokenService(Options.Create(new AuthOptions { JwtSecretKey = GatewayHostProcess.JwtSecret }), TimeProvider.System).Mint(user, TimeSpan.FromMinutes(10));

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["WEBSOCKET_PING_INTERVAL"] = "1" };

    async ValueTask IAsyncLifetime.InitializeAsync()
    {
        await InitializeCatalogAsync();
        Upstream = await UpstreamServer.StartAsync();
        Upstream.Answer(new UpstreamAnswer(Body: """{"echoed":true}"""));
        using var client = Host.CreateClient();
        await (await client.PostJsonAsync("tools", $$$"""
            {"name":"{{{ToolName}}}","url":"{{{Upstream.Url("/echo")}}}","request_type":"POST","input_schema":{"type":"object"}}
            """)).ExpectAsync(HttpStatusCode.Created);
        var server = await (await client.PostJsonAsync("servers", $$"""{"name":"transport_tools","associated_tools":["{{ToolName}}"]}""")).ExpectAsync(HttpStatusCode.Created);
        ToolServerId = server["id"]!.GetValue<string>();
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await Upstream.DisposeAsync();
        await DisposeAsync();
    }
}
