using System.Net;
using System.Text.Json.Nodes;

namespace McpGateway.Host.Tests;

/// <summary>
/// A stdio peer's process over its life: started again when it crashes, replaced when its registration changes,
/// stopped when it is deleted. Each test registers the reference upstream (whose resource URIs are fixed) and deletes
/// it whatever happens, so no test meets another's registration.
/// </summary>
public sealed class StdioUpstreamLifecycleTests(StdioUpstreamLifecycleTests.StdioGateway gateway) : IClassFixture<StdioUpstreamLifecycleTests.StdioGateway>
{
    /// <summary>Quick health checks, so they run alongside the crashes and edits the tests cause.</summary>
    public sealed class StdioGateway(AzuriteFixture azurite) : McpCatalogFixture(azurite)
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["HEALTH_CHECK_INTERVAL"] = "5",
            ["HEALTH_CHECK_TIMEOUT"] = "2",
            ["UNHEALTHY_THRESHOLD"] = "2",
            ["STDIO_ALLOWED_COMMANDS"] = "dotnet",
        };
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_stdio_upstream_that_crashes_is_started_again()
    {
        var marker = "crash-" + Guid.NewGuid().ToString("N");
        var registered = await RegisterAsync("crashing", marker);
        try
        {
            await using var client = await gateway.ConnectAsync("2025-11-25");
            Assert.NotEqual(true, (await client.CallToolAsync("crashing-test_simple_text", cancellationToken: Ct)).IsError);
            var first = Assert.Single(ChildProcesses.WithEnvironment(marker));

            System.Diagnostics.Process.GetProcessById(first).Kill();
            await gateway.Host.WaitUntilAsync(() => Task.FromResult(ChildProcesses.WithEnvironment(marker) is [var restarted] && restarted != first), Ct);

            Assert.NotEqual(true, (await client.CallToolAsync("crashing-test_simple_text", cancellationToken: Ct)).IsError);
            Assert.Contains("The stdio upstream crashing ended", gateway.Host.Output, StringComparison.Ordinal);
        }
        finally
        {
            await DeleteAsync(registered);
        }

        await gateway.Host.WaitUntilAsync(() => Task.FromResult(ChildProcesses.WithEnvironment(marker).Count == 0), Ct);
    }

    [Fact]
    public async Task An_edited_stdio_upstream_runs_as_one_new_process()
    {
        var marker = "edit-" + Guid.NewGuid().ToString("N");
        var registered = await RegisterAsync("edited", marker);
        try
        {
            await using var client = await gateway.ConnectAsync("2025-11-25");
            Assert.NotEqual(true, (await client.CallToolAsync("edited-test_simple_text", cancellationToken: Ct)).IsError);
            var first = Assert.Single(ChildProcesses.WithEnvironment(marker));

            using var rest = gateway.Host.CreateClient();
            await (await rest.PutJsonAsync($"gateways/{registered["id"]}", """{"description":"edited"}""")).ExpectAsync(HttpStatusCode.OK);
            Assert.NotEqual(true, (await client.CallToolAsync("edited-test_simple_text", cancellationToken: Ct)).IsError);

            // The process of the registration as it was is stopped, not left running beside the new one.
            await gateway.Host.WaitUntilAsync(() => Task.FromResult(ChildProcesses.WithEnvironment(marker) is [var replaced] && replaced != first), Ct);
        }
        finally
        {
            await DeleteAsync(registered);
        }

        await gateway.Host.WaitUntilAsync(() => Task.FromResult(ChildProcesses.WithEnvironment(marker).Count == 0), Ct);
    }

    private async Task<JsonNode> RegisterAsync(string name, string marker)
    {
        using var rest = gateway.Host.CreateClient();
        var body = StdioUpstream.Registration(name, new Dictionary<string, string> { ["UPSTREAM_MARKER"] = marker });
        return await (await rest.PostJsonAsync("gateways", body.ToJsonString())).ExpectAsync(HttpStatusCode.Created);
    }

    private async Task DeleteAsync(JsonNode registered)
    {
        using var rest = gateway.Host.CreateClient();
        await (await rest.DeleteAsync($"gateways/{registered["id"]}", Ct)).ExpectAsync(HttpStatusCode.OK);
    }
}
