using System.Text.Json.Nodes;
using McpGateway.Shared.Http;
using McpGateway.Shared.Protocol;
using McpGateway.Shared.Storage;
using McpGateway.Shared.Transports.StreamableHttp;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpGateway.Shared.Transports.Rpc;

/// <summary>
/// The seed's <c>/protocol/*</c> routes: initialize, ping and completion as plain HTTP calls with JSON bodies
/// (snake_case or camelCase), answered by the same server core as <c>/mcp</c>.
/// </summary>
public static class ProtocolEndpoints
{
    private static readonly IReadOnlySet<string> Nested = new HashSet<string> { "clientInfo", "ref", "argument", "context" };

    public static IEnumerable<GatewayRoute> Routes()
    {
        yield return new GatewayRoute("protocol-initialize", "protocol/initialize", new Dictionary<string, RouteHandler>
        {
            ["POST"] = request => CallAsync(request, RequestMethods.Initialize),
        });
        yield return new GatewayRoute("protocol-ping", "protocol/ping", new Dictionary<string, RouteHandler>
        {
            ["POST"] = PingAsync,
        });
        yield return new GatewayRoute("protocol-completion-complete", "protocol/completion/complete", new Dictionary<string, RouteHandler>
        {
            ["POST"] = request => CallAsync(request, RequestMethods.CompletionComplete),
        });
    }

    /// <summary>Ping takes a JSON-RPC message (the seed sends one) and answers with a JSON-RPC response.</summary>
    private static async Task<IResult> PingAsync(GatewayRequest request)
    {
        var body = await request.ReadJsonObjectAsync().ConfigureAwait(false);
        if (body["method"] is { } method && method.ToJsonString() != "\"ping\"")
        {
            throw ApiProblem.Invalid("method", $"/protocol/ping answers only \"ping\", not {method.ToJsonString()}.");
        }

        var id = body["id"]?.DeepClone() ?? 1;
        return Results.Json(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["result"] = new JsonObject() });
    }

    /// <summary>Sends the body as the params of <paramref name="method"/>; answers with the result, or a problem for an error.</summary>
    private static async Task<IResult> CallAsync(GatewayRequest request, string method)
    {
        var body = FieldNames.Normalize(await request.ReadJsonObjectAsync().ConfigureAwait(false), Nested);
        var call = new JsonRpcRequest { Id = new RequestId(1), Method = method, Params = body };
        if (JsonRpcMessageReader.InvalidInitializeParams(call) is { } invalid)
        {
            throw ApiProblem.Invalid("body", invalid.Error.Message);
        }

        var response = await request.Service<McpRequestServer>().CallAsync(request.Http, CatalogScope.Everything, call).ConfigureAwait(false);
        if (StorageOutageResponder.IsUnavailable(response))
        {
            throw new StorageUnavailableException($"Storage was unavailable while the server core served {method}.");
        }

        if (response["error"] is JsonObject error)
        {
            throw ApiProblem.Invalid("body", error["message"]?.GetValue<string>() ?? "The request was refused.");
        }

        return Results.Json(response["result"], McpJsonUtilities.DefaultOptions);
    }
}
