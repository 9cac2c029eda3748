using CsCheck;

namespace McpGateway.Fuzz.Tests;

/// <summary>
/// Requests every route must refuse without a change: bodies that are not strict JSON text, or JSON under a content
/// type that is not JSON, sent to every route that takes a body (with ids that name nothing, so that a route that
/// ignores its body changes nothing either) and to every JSON-RPC surface.
/// </summary>
public sealed class MalformedRequests(FuzzGatewayFixture gateway)
{
    private static readonly string[] BodyMethods = ["POST", "PUT", "PATCH", "DELETE"];

    private static readonly string[] NotJson =
        ["text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonx", "json", "*/*"];

    public Gen<FuzzRequest> Any => Gen.Frequency(
        (6, UnsoundRest),
        (2, NotJsonRest),
        (5, UnsoundJsonRpc));

    private static Gen<(string Method, string Path)> BodyRoutes { get; } =
        RouteTargets.Paths(RouteTargets.All.Where(target => BodyMethods.Contains(target.Method)), RouteTargets.UnknownIds);

    private static Gen<FuzzRequest> UnsoundRest { get; } =
        Gen.Select(BodyRoutes, JsonGen.Unsound(RestBodies.Any), (target, body) =>
            new FuzzRequest(target.Method, target.Path, [new("Accept", "application/json")], body, "application/json"));

    private static Gen<FuzzRequest> NotJsonRest { get; } =
        Gen.Select(BodyRoutes, RestBodies.Any, Gen.OneOf(NotJson), (target, body, contentType) =>
            new FuzzRequest(target.Method, target.Path, [new("Accept", "application/json")], JsonGen.Utf8(JsonGen.Json(body)), contentType));

    private Gen<FuzzRequest> UnsoundJsonRpc =>
        Gen.Select(JsonRpcTargets, JsonGen.Unsound(McpRequests.Messages), (target, body) =>
            new FuzzRequest("POST", target.Path, [new("Accept", "application/json, text/event-stream"), .. target.Headers], body, "application/json"));

    /// <summary>The JSON-RPC surfaces: stateless, within each session, before any session, and /rpc.</summary>
    private Gen<(string Path, KeyValuePair<string, string>[] Headers)> JsonRpcTargets => Gen.OneOf(
    [
        ("mcp", [new("MCP-Protocol-Version", "2026-07-28"), new("Mcp-Method", "tools/list")]),
        ($"servers/{gateway.ServerId}/mcp", [new("MCP-Protocol-Version", "2026-07-28"), new("Mcp-Method", "tools/list")]),
        ("mcp", []),
        ("rpc", []),
        .. gateway.Sessions.Select(session => ("mcp", new KeyValuePair<string, string>[] { new("Mcp-Session-Id", session.Value), new("MCP-Protocol-Version", session.Key) })),
    ]);
}
