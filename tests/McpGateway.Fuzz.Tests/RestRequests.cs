using CsCheck;

namespace McpGateway.Fuzz.Tests;

/// <summary>Well-formed JSON bodies for every method of every route, on the seeded items and on ids of nothing.</summary>
public sealed class RestRequests(FuzzGatewayFixture gateway)
{
    public Gen<FuzzRequest> Any =>
        Gen.Select(RouteTargets.Paths(RouteTargets.All, RouteTargets.Ids(gateway.Ids)), RestBodies.Any, (target, body) =>
            new FuzzRequest(
                target.Method,
                target.Path,
                [new("Accept", "application/json")],
                target.Method is "GET" or "HEAD" ? null : JsonGen.Utf8(JsonGen.Json(body)),
                "application/json"));
}
