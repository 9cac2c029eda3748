using System.Net;
using McpGateway.Shared.Upstreams.Mcp;
using ModelContextProtocol.Protocol;

namespace McpGateway.Host.Tests;

/// <summary>
/// A stdio peer's process starts with a minimal environment plus its own, never with the gateway's secrets, and the
/// values of its own environment are never shown. The fixture keeps the default FEDERATION_TIMEOUT: the peer is a
/// .NET program, whose start on a loaded machine has outlasted a short one.
/// </summary>
public sealed class StdioPeerEnvironmentTests(StdioPeerEnvironmentTests.StdioGateway gateway) : IClassFixture<StdioPeerEnvironmentTests.StdioGateway>
{
    public sealed class StdioGateway(AzuriteFixture azurite) : McpCatalogFixture(azurite)
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["STDIO_ALLOWED_COMMANDS"] = "dotnet" };
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_stdio_peer_gets_only_the_minimal_environment_and_its_own_variables()
    {
        var marker = "env-" + Guid.NewGuid().ToString("N");
        var name = "envpeer" + marker[4..12];
        using var rest = gateway.Host.CreateClient();
        var body = StdioUpstream.Registration(name, new Dictionary<string, string> { ["UPSTREAM_MARKER"] = marker });
        var registered = await (await rest.PostJsonAsync("gateways", body.ToJsonString())).ExpectAsync(HttpStatusCode.Created);

        await using var client = await gateway.ConnectAsync("2025-11-25");
        Assert.NotEqual(true, (await client.CallToolAsync($"{name}-test_simple_text", cancellationToken: Ct)).IsError);
        var environment = ChildProcesses.EnvironmentOf(Assert.Single(ChildProcesses.WithEnvironment(marker)));

        Assert.Equal(marker, environment["UPSTREAM_MARKER"]);
        Assert.Equal(Environment.GetEnvironmentVariable("PATH"), environment["PATH"]);
        Assert.DoesNotContain(GatewayHostProcess.JwtSecret, environment.Values);
        Assert.DoesNotContain(GatewayHostProcess.Password, environment.Values);
        Assert.Empty(environment.Keys.Except([.. ChildProcessEnvironment.InheritedNames, "UPSTREAM_MARKER"]));
        await (await rest.DeleteAsync($"gateways/{registered["id"]}", Ct)).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_stdio_peers_environment_values_are_masked_in_what_the_api_answers_and_its_tools_are_called()
    {
        using var rest = gateway.Host.CreateClient();
        var body = StdioUpstream.Registration("maskedenv", new Dictionary<string, string> { ["UPSTREAM_TOKEN"] = "stdio-secret-value" });
        var registered = await (await rest.PostJsonAsync("gateways", body.ToJsonString())).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("STDIO", registered["transport"]!.GetValue<string>());
        Assert.Equal("*****", registered["stdio"]!["env"]!["UPSTREAM_TOKEN"]!.GetValue<string>());
        Assert.DoesNotContain("stdio-secret-value", registered.ToJsonString(), StringComparison.Ordinal);

        await using var client = await gateway.ConnectAsync("2025-11-25");
        var result = await client.CallToolAsync("maskedenv-test_simple_text", cancellationToken: Ct);
        Assert.NotEqual(true, result.IsError);
        Assert.IsType<TextContentBlock>(Assert.Single(result.Content));
        await (await rest.DeleteAsync($"gateways/{registered["id"]}", Ct)).ExpectAsync(HttpStatusCode.OK);
    }
}
