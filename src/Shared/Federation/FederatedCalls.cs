using System.Text.Json;
using System.Text.Json.Nodes;
using McpGateway.Shared.Catalog.Gateways;
using McpGateway.Shared.Catalog.Prompts;
using McpGateway.Shared.Catalog.Tools;
using McpGateway.Shared.Protocol;
using McpGateway.Shared.Upstreams.Mcp;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpGateway.Shared.Federation;

/// <summary>
/// Forwards requests on federated items to their upstream over the pooled session, passing results through
/// unchanged (every content type, structuredContent, isError, _meta) and upstream protocol errors as they are.
/// </summary>
public sealed class FederatedCalls(PeerGatewayService gateways, UpstreamClientPool pool, UpstreamConnector connector, UpstreamPipelines pipelines)
{
    public async Task<CallToolResult> CallToolAsync(
        ToolRecord tool, IDictionary<string, JsonElement>? arguments, ToolCallContext context, CancellationToken cancellationToken)
    {
        try
        {
            var gateway = await ReachableGatewayAsync(tool.GatewayId!, cancellationToken).ConfigureAwait(false);

            // The upstream's input-required results go back to the caller as they are. A session caller that can answer
            // requests (sampling, elicitation, roots), and any caller that asked for log messages, gets an upstream
            // session of its own, bound to it, so that the upstream's requests and log messages reach that caller only.
            await using var dedicated = context is { Caller: { } caller, Relay: { } relay } && (RelaysRequests(caller) || context.LogLevel is not null)
                ? await connector.ConnectAsync(gateway, cancellationToken, new UpstreamCaller(caller, context.LogLevel, relay.Logs)).ConfigureAwait(false)
                : null;
            var connection = dedicated ?? await pool.GetAsync(gateway, cancellationToken).ConfigureAwait(false);
            using var headers = PassthroughHeaders.Use(gateway.PassthroughHeaders, context.ClientHeaders);

            // The SDK client mirrors x-mcp-header arguments into Mcp-Param-* headers (SEP-2243) for tools it knows.
            var upstreamName = tool.OriginalName ?? tool.Name;
            connection.Client.AddKnownTools([new Tool { Name = upstreamName, InputSchema = tool.InputSchema }]);
            var parameters = context.RequestParams
                ?? JsonSerializer.SerializeToNode(new CallToolRequestParams { Name = upstreamName, Arguments = arguments }, McpJsonUtilities.DefaultOptions);
            return await pipelines.For(gateway.Id, idempotent: false).ExecuteAsync(
                async token => await UpstreamRequest.SendAsync<CallToolResult>(
                    connection, RequestMethods.ToolsCall, parameters, upstreamName, context.Caller?.ClientCapabilities, context.Relay?.Progress, token).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUpstreamFailure(ex, cancellationToken))
        {
            await pool.EvictAsync(tool.GatewayId!).ConfigureAwait(false);
            return new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = $"Tool '{tool.Name}' failed: {ex.Message}" }] };
        }
    }

    /// <summary>A read for the REST API, which has no MCP request of its own to forward.</summary>
    public Task<ReadResourceResult> ReadResourceAsync(string gatewayId, string uri, CancellationToken cancellationToken) =>
        ForwardAsync<ReadResourceResult>(
            gatewayId, RequestMethods.ResourcesRead, new JsonObject { ["uri"] = uri }, upstreamName: null, caller: null, cancellationToken);

    /// <param name="request">The caller's request, forwarded as it came.</param>
    public Task<ReadResourceResult> ReadResourceAsync<TParams>(string gatewayId, RequestContext<TParams> request, CancellationToken cancellationToken) =>
        ForwardAsync<ReadResourceResult>(
            gatewayId, request.JsonRpcRequest.Method, request.JsonRpcRequest.Params, upstreamName: null, request.Server, cancellationToken);

    /// <param name="request">The caller's request, forwarded under the prompt's upstream name.</param>
    public Task<GetPromptResult> GetPromptAsync(PromptRecord prompt, RequestContext<GetPromptRequestParams> request, CancellationToken cancellationToken) =>
        ForwardAsync<GetPromptResult>(
            prompt.GatewayId!, request.JsonRpcRequest.Method, request.JsonRpcRequest.Params, prompt.OriginalName ?? prompt.Name, request.Server, cancellationToken);

    public Task<CompleteResult> CompleteAsync(string gatewayId, Reference reference, Argument argument, CancellationToken cancellationToken) =>
        ForwardAsync(
            gatewayId,
            (connection, token) => connection.Client.CompleteAsync(reference, argument.Name, argument.Value, cancellationToken: token).AsTask(),
            cancellationToken);

    private Task<T> ForwardAsync<T>(
        string gatewayId, string method, JsonNode? parameters, string? upstreamName, McpServer? caller, CancellationToken cancellationToken) =>
        ForwardAsync(
            gatewayId,
            (connection, token) => UpstreamRequest.SendAsync<T>(connection, method, parameters, upstreamName, caller?.ClientCapabilities, progress: null, token),
            cancellationToken);

    private async Task<T> ForwardAsync<T>(string gatewayId, Func<UpstreamConnection, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            var gateway = await ReachableGatewayAsync(gatewayId, cancellationToken).ConfigureAwait(false);
            var connection = await pool.GetAsync(gateway, cancellationToken).ConfigureAwait(false);
            return await pipelines.For(gatewayId, idempotent: true)
                .ExecuteAsync(async token => await call(connection, token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUpstreamFailure(ex, cancellationToken))
        {
            await pool.EvictAsync(gatewayId).ConfigureAwait(false);
            throw new McpProtocolException($"The upstream failed: {ex.Message}", McpErrorCode.InternalError);
        }
    }

    private static bool RelaysRequests(McpServer caller) =>
        caller is { NegotiatedProtocolVersion: var revision, ClientCapabilities: { } capabilities } && !ProtocolRevisions.IsStateless(revision) && (capabilities.Sampling is not null || capabilities.Elicitation is not null || capabilities.Roots is not null);

    /// <exception cref="UpstreamUnavailableException">The gateway is switched off or marked unreachable by the health check.</exception>
    private async Task<PeerGatewayRecord> ReachableGatewayAsync(string gatewayId, CancellationToken cancellationToken)
    {
        var gateway = (await gateways.GetAsync(gatewayId, cancellationToken).ConfigureAwait(false)).Document;
        return gateway.Enabled && gateway.Reachable
            ? gateway
            : throw new UpstreamUnavailableException($"Gateway '{gateway.Name}' is {(gateway.Enabled ? "unreachable" : "disabled")}.");
    }

    /// <summary>Transport and availability failures; the upstream's own protocol errors pass through as they are.</summary>
    private static bool IsUpstreamFailure(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        McpProtocolException => false,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        UpstreamUnavailableException or HttpRequestException or IOException or McpException or InvalidOperationException
            or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException => true,
        _ => false,
    };
}
