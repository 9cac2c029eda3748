namespace McpGateway.Fuzz.Tests;

/// <summary>JSON-RPC messages of every revision, stateless and in sessions: never a 5xx, and MCP changes no catalog.</summary>
public sealed class McpMessageFuzzTests(FuzzGatewayFixture gateway) : IClassFixture<FuzzGatewayFixture>
{
    [Fact]
    public async Task Messages_of_every_revision_get_an_answer_that_is_not_a_5xx()
    {
        var before = await gateway.SnapshotAsync();

        await new FuzzRun("mcp", gateway.Client).CheckAsync(new McpRequests(gateway).Any, defaultCases: 4000);

        Assert.Equal(before, await gateway.SnapshotAsync());
    }
}
