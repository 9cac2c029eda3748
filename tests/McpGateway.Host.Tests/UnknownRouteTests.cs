using System.Net;

namespace McpGateway.Host.Tests;

/// <summary>A path no route serves answers 404 with problem details, like every other error.</summary>
public sealed class UnknownRouteTests(GatewayHostFixture gateway) : IClassFixture<GatewayHostFixture>
{
    [Theory]
    [InlineData("GET", "no-such-route")]
    [InlineData("POST", "tools/a/b/c/d")]
    [InlineData("DELETE", "hubs")]
    public async Task An_unknown_route_is_a_404_problem(string method, string path)
    {
        using var client = gateway.Host.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        var problem = await response.ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("/" + path, problem["instance"]!.GetValue<string>());
    }
}
