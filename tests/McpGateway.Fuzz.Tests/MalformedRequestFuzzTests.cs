namespace McpGateway.Fuzz.Tests;

/// <summary>Bodies that are not strict JSON text, or not JSON at all, on every route: a 4xx with a message, and no change.</summary>
public sealed class MalformedRequestFuzzTests(FuzzGatewayFixture gateway) : IClassFixture<FuzzGatewayFixture>
{
    [Fact]
    public async Task Malformed_requests_are_refused_with_a_message_and_change_nothing()
    {
        var before = await gateway.SnapshotAsync();

        await new FuzzRun("malformed", gateway.Client).CheckAsync(new MalformedRequests(gateway).Any, defaultCases: 5000);

        Assert.Equal(before, await gateway.SnapshotAsync());
    }
}
