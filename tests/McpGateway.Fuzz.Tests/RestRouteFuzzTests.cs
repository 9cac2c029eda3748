namespace McpGateway.Fuzz.Tests;

/// <summary>Well-formed bodies of fitting and unfitting fields on every method of every route: never a 5xx.</summary>
public sealed class RestRouteFuzzTests(FuzzGatewayFixture gateway) : IClassFixture<FuzzGatewayFixture>
{
    [Fact]
    public async Task Every_route_answers_generated_bodies_without_a_5xx()
    {
        await new FuzzRun("rest", gateway.Client).CheckAsync(new RestRequests(gateway).Any, defaultCases: 3000);
    }
}
