using System.Text.Json;
using System.Text.Json.Nodes;
using McpGateway.Shared.Catalog.Gateways;
using McpGateway.Shared.Catalog.Roots;
using McpGateway.Shared.Catalog.Servers;
using McpGateway.Shared.Catalog.Tools;
using McpGateway.Shared.Configuration;
using McpGateway.Shared.Http;
using McpGateway.Shared.Protocol;
using McpGateway.Shared.Transports.StreamableHttp;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpGateway.Shared.Transports.Rpc;

/// <summary>
/// <c>/rpc</c>: plain JSON-RPC over POST with a JSON answer, as the seed offers it. MCP methods run through the
/// same server core as <c>/mcp</c> (statelessly); the seed's legacy names (<c>list_tools</c>, <c>list_gateways</c>,
/// ...) return the REST API's shapes; any other method naming a registered tool calls that tool with the params.
/// </summary>
public sealed class RpcEndpoint(
    McpRequestServer server,
    McpCatalog catalog,
    ToolService tools,
    PeerGatewayService gateways,
    ServerService servers,
    RootService roots,
    IOptions<ApiOptions> api,
    StorageOutageResponder storageOutage)
{
    public static GatewayRoute Route { get; } = new("rpc", "rpc", new Dictionary<string, RouteHandler>
    {
        ["POST"] = request => request.Service<RpcEndpoint>().PostAsync(request),
    });

    private static readonly IReadOnlyDictionary<string, string> LegacyMcpMethods = new Dictionary<string, string>
    {
        ["list_resources"] = RequestMethods.ResourcesList,
        ["list_resource_templates"] = RequestMethods.ResourcesTemplatesList,
        ["list_prompts"] = RequestMethods.PromptsList,
        ["read_resource"] = RequestMethods.ResourcesRead,
        ["get_prompt"] = RequestMethods.PromptsGet,
    };

    public async Task<IResult> PostAsync(GatewayRequest request)
    {
        var body = await BoundedRead.ReadAllAsync(request.Http.Request.Body, api.Value.MaxRequestBodySize, request.Aborted, request.Http.Request.ContentLength).ConfigureAwait(false);
        if (body is null)
        {
            return JsonRpcErrors.Result(StatusCodes.Status413PayloadTooLarge, JsonRpcErrors.InvalidRequest, $"The request body is larger than MAX_REQUEST_BODY_SIZE ({api.Value.MaxRequestBodySize} bytes).");
        }

        var json = JsonRpcMessageReader.ParseJson(body, out var parseError);
        if (json is null)
        {
            return Results.Json(parseError, McpJsonUtilities.DefaultOptions, statusCode: StatusCodes.Status400BadRequest);
        }

        if (JsonRpcMessageReader.ReadMessage(json, out var invalid) is not JsonRpcMessage message)
        {
            return Results.Json(invalid, McpJsonUtilities.DefaultOptions, statusCode: StatusCodes.Status400BadRequest);
        }

        if (message is not JsonRpcRequest rpc)
        {
            return Results.StatusCode(StatusCodes.Status202Accepted);
        }

        if (JsonRpcMessageReader.InvalidInitializeParams(rpc) is { } invalidParams)
        {
            return Results.Json(invalidParams, McpJsonUtilities.DefaultOptions, statusCode: StatusCodes.Status400BadRequest);
        }

        return await storageOutage.ServeAsync(request.Http, rpc.Id, () => ServeAsync(request, rpc)).ConfigureAwait(false);
    }

    private async Task<IResult> ServeAsync(GatewayRequest request, JsonRpcRequest rpc) => rpc.Method switch
    {
        "list_tools" => Reply(rpc, await ReadsAsync(tools, request).ConfigureAwait(false)),
        "list_gateways" => Reply(rpc, await ReadsAsync(gateways, request).ConfigureAwait(false)),
        "list_servers" => Reply(rpc, await ReadsAsync(servers, request).ConfigureAwait(false)),
        "list_roots" => Reply(rpc, await roots.ListAsync(request.Aborted).ConfigureAwait(false)),
        _ => await CallAsync(request, rpc).ConfigureAwait(false),
    };

    /// <summary>Runs the request through the server core, whose storage-unavailable error is a 503 here as on <c>/mcp</c>.</summary>
    private async Task<IResult> CallAsync(GatewayRequest request, JsonRpcRequest rpc)
    {
        var answer = await server.CallAsync(request.Http, CatalogScope.Everything, await AsMcpRequestAsync(rpc, request.Aborted).ConfigureAwait(false)).ConfigureAwait(false);
        storageOutage.MarkIfUnavailable(request.Http.Response, answer);
        return Results.Json(answer, McpJsonUtilities.DefaultOptions);
    }

    /// <summary>A legacy name becomes its MCP method; a registered tool's name becomes a tools/call of it.</summary>
    private async Task<JsonRpcRequest> AsMcpRequestAsync(JsonRpcRequest rpc, CancellationToken cancellationToken)
    {
        if (LegacyMcpMethods.TryGetValue(rpc.Method, out var method))
        {
            return new JsonRpcRequest { Id = rpc.Id, Method = method, Params = rpc.Params };
        }

        if (rpc.Method.Contains('/', StringComparison.Ordinal) || rpc.Method == RequestMethods.Ping
            || await catalog.FindToolAsync(CatalogScope.Everything, rpc.Method, cancellationToken).ConfigureAwait(false) is null)
        {
            return rpc;
        }

        var arguments = rpc.Params is JsonObject given ? given.DeepClone() : new JsonObject();
        return new JsonRpcRequest { Id = rpc.Id, Method = RequestMethods.ToolsCall, Params = new JsonObject { ["name"] = rpc.Method, ["arguments"] = arguments } };
    }

    private static async Task<IReadOnlyList<object>> ReadsAsync<TRecord, TInput>(Catalog.CatalogService<TRecord, TInput> service, GatewayRequest request)
        where TRecord : class, Catalog.ICatalogItem
    {
        var listing = await service.ListingAsync(includeInactive: false, tags: [], request.Aborted).ConfigureAwait(false);
        return listing.After(null).Select(listing.Read).ToList();
    }

    private static IResult Reply(JsonRpcRequest request, object result) =>
        Results.Json(
            new JsonObject
            {
                ["jsonrpc"] = "2.0",
                ["id"] = JsonSerializer.SerializeToNode(request.Id, McpJsonUtilities.DefaultOptions),
                ["result"] = JsonSerializer.SerializeToNode(result, GatewayJson.Options),
            },
            GatewayJson.Options);
}
