using System.Net;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpGateway.Host.Tests;

/// <summary>An upstream tool whose name breaks the catalog's name rule is left out of the sync; its other tools are federated.</summary>
public sealed class FederatedUnsafeNameTests(GatewayHostFixture gateway) : IClassFixture<GatewayHostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_upstream_tool_named_with_a_bidi_override_is_not_federated()
    {
        await using var upstream = await TestMcpServer.StartAsync(
            new Renamed(McpServerTool.Create(() => "spoofed", new McpServerToolCreateOptions { Name = "spoofed" }), "txt.\u202eexe"));
        var slug = "spoof" + Guid.NewGuid().ToString("N")[..8];
        using var rest = gateway.Host.CreateClient();

        var registered = await (await rest.PostJsonAsync("gateways", ApiClientExtensions.Json(new { name = slug, url = upstream.BaseAddress.ToString() })))
            .ExpectAsync(HttpStatusCode.Created);
        var names = (await (await rest.GetAsync("tools", Ct)).ExpectAsync(HttpStatusCode.OK)).AsArray()
            .Select(t => t!["name"]!.GetValue<string>()).Where(n => n.StartsWith(slug, StringComparison.Ordinal)).ToList();

        Assert.Contains($"{slug}-echo", names);
        Assert.DoesNotContain(names, n => n.Contains('\u202e', StringComparison.Ordinal));
        await (await rest.DeleteAsync($"gateways/{registered["id"]}", Ct)).ExpectAsync(HttpStatusCode.OK);
    }

    /// <summary>A tool offered under a name the SDK refuses to create a tool with, as an upstream built without it may send.</summary>
    private sealed class Renamed(McpServerTool tool, string name) : McpServerTool
    {
        public override Tool ProtocolTool { get; } = new() { Name = name, InputSchema = tool.ProtocolTool.InputSchema };

        public override IReadOnlyList<object> Metadata => tool.Metadata;

        public override ValueTask<CallToolResult> InvokeAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken = default) =>
            tool.InvokeAsync(request, cancellationToken);
    }
}
