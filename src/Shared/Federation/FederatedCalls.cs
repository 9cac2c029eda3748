using System.Text.Json;
using System.Text.Json.Nodes;
using McpGateway.Shared.Catalog.Gateways;
using McpGateway.Shared.Catalog.Prompts;
using McpGateway.Shared.Catalog.Tools;
using McpGateway.Shared.Protocol;
using McpGateway.Shared.Transports.StreamableHttp;
using McpGateway.Shared.Upstreams.Mcp;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpGateway.Shared.Federation;

/// <summary>
/// Forwards requests on federated items to their upstream, passing results through unchanged (every content type,
/// structuredContent, isError, _meta) and upstream protocol errors as they are.
/// </summary>
/// <remarks>
/// How the upstream asks the caller for input depends on both revisions. An upstream on 2026-07-28 answers with
/// input-required results, which go back to the caller as they are (a session caller's server core turns them into
/// requests). An older upstream sends requests of its own: a session caller that can answer them gets an upstream
/// session bound to its downstream session, kept for all its calls, whose requests go to that caller; a 2026-07-28
/// caller gets them as input-required rounds while the call waits in this instance. A session caller that asked for
/// log messages also gets an upstream session of its own, so that the upstream's log messages reach that caller only
/// (a 2026-07-28 caller, which has no session, one per call). Everyone else shares the pooled session.
/// </remarks>
public sealed class FederatedCalls(
    PeerGatewayService gateways,
    UpstreamClientPool pool,
    SessionUpstreamPool sessionUpstreams,
    McpSessionStore sessions,
    UpstreamConnector connector,
    UpstreamPipelines pipelines,
    ParkedCalls parkedCalls)
{
    public async Task<CallToolResult> CallToolAsync(
        ToolRecord tool, IDictionary<string, JsonElement>? arguments, ToolCallContext context, CancellationToken cancellationToken)
    {
        try
        {
            var gateway = await ReachableGatewayAsync(tool.GatewayId!, cancellationToken).ConfigureAwait(false);
            var upstreamName = tool.OriginalName ?? tool.Name;
            var parameters = context.RequestParams
                ?? JsonSerializer.SerializeToNode(new CallToolRequestParams { Name = upstreamName, Arguments = arguments }, McpJsonUtilities.DefaultOptions);
            var request = new ForwardedRequest(
                gateway, RequestMethods.ToolsCall, parameters, upstreamName, new Tool { Name = upstreamName, InputSchema = tool.InputSchema },
                context.Caller, context.Relay, context.LogLevel, context.ClientHeaders, Idempotent: false);
            return await ForwardAsync<CallToolResult>(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUpstreamFailure(ex, cancellationToken))
        {
            await pool.EvictAsync(tool.GatewayId!).ConfigureAwait(false);
            return new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = $"Tool '{tool.Name}' failed: {ex.Message}" }] };
        }
    }

    /// <summary>A read for the REST API, which has no MCP request of its own to forward.</summary>
    public Task<ReadResourceResult> ReadResourceAsync(string gatewayId, string uri, CancellationToken cancellationToken) =>
        ReadResourceAsync(
            gatewayId, uri, gateway => new ForwardedRequest(
                gateway, RequestMethods.ResourcesRead, new JsonObject { ["uri"] = uri }, null, null, null, null, null, null, Idempotent: true),
            cancellationToken);

    /// <param name="request">The caller's request, forwarded as it came (with the upstream's URI, when the peer prefixes them).</param>
    public Task<ReadResourceResult> ReadResourceAsync(string gatewayId, RequestContext<ReadResourceRequestParams> request, CancellationToken cancellationToken) =>
        ReadResourceAsync(gatewayId, request.Params!.Uri, gateway => Read(gateway, request, upstreamName: null), cancellationToken);

    /// <summary>A read under the upstream's URI, whose contents are named by the catalog's URIs again.</summary>
    private Task<ReadResourceResult> ReadResourceAsync(
        string gatewayId, string uri, Func<PeerGatewayRecord, ForwardedRequest> request, CancellationToken cancellationToken) =>
        ForwardReadAsync<ReadResourceResult>(
            gatewayId,
            gateway =>
            {
                var forwarded = request(gateway);
                return forwarded with { Parameters = WithUri(forwarded.Parameters, FederatedResourceUris.OnUpstream(gateway, uri)) };
            },
            cancellationToken,
            (gateway, result) =>
            {
                foreach (var contents in result.Contents)
                {
                    contents.Uri = FederatedResourceUris.InCatalog(gateway, contents.Uri);
                }

                return result;
            });

    private static JsonNode? WithUri(JsonNode? parameters, string uri)
    {
        if (parameters?["uri"]?.GetValue<string>() == uri)
        {
            return parameters;
        }

        var rewritten = parameters?.DeepClone() as JsonObject ?? [];
        rewritten["uri"] = uri;
        return rewritten;
    }

    /// <param name="request">The caller's request, forwarded under the prompt's upstream name.</param>
    public Task<GetPromptResult> GetPromptAsync(PromptRecord prompt, RequestContext<GetPromptRequestParams> request, CancellationToken cancellationToken) =>
        ForwardReadAsync<GetPromptResult>(prompt.GatewayId!, gateway => Read(gateway, request, prompt.OriginalName ?? prompt.Name), cancellationToken);

    public async Task<CompleteResult> CompleteAsync(string gatewayId, Reference reference, Argument argument, CancellationToken cancellationToken)
    {
        try
        {
            var gateway = await ReachableGatewayAsync(gatewayId, cancellationToken).ConfigureAwait(false);
            var connection = await pool.GetAsync(gateway, cancellationToken).ConfigureAwait(false);
            return await pipelines.For(gatewayId, idempotent: true).ExecuteAsync(
                async token => await connection.Client.CompleteAsync(reference, argument.Name, argument.Value, cancellationToken: token).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUpstreamFailure(ex, cancellationToken))
        {
            throw await UpstreamFailedAsync(gatewayId, ex).ConfigureAwait(false);
        }
    }

    private static ForwardedRequest Read<TParams>(PeerGatewayRecord gateway, RequestContext<TParams> request, string? upstreamName) =>
        new(gateway, request.JsonRpcRequest.Method, request.JsonRpcRequest.Params, upstreamName, null, request.Server, null, null, null, Idempotent: true);

    /// <param name="asCatalogSees">Renames what the upstream answered in its own terms, where the catalog names it otherwise.</param>
    private async Task<T> ForwardReadAsync<T>(
        string gatewayId, Func<PeerGatewayRecord, ForwardedRequest> request, CancellationToken cancellationToken, Func<PeerGatewayRecord, T, T>? asCatalogSees = null)
        where T : Result
    {
        try
        {
            var gateway = await ReachableGatewayAsync(gatewayId, cancellationToken).ConfigureAwait(false);
            var result = await ForwardAsync<T>(request(gateway), cancellationToken).ConfigureAwait(false);
            return asCatalogSees is null ? result : asCatalogSees(gateway, result);
        }
        catch (Exception ex) when (IsUpstreamFailure(ex, cancellationToken))
        {
            throw await UpstreamFailedAsync(gatewayId, ex).ConfigureAwait(false);
        }
    }

    private async Task<McpProtocolException> UpstreamFailedAsync(string gatewayId, Exception ex)
    {
        await pool.EvictAsync(gatewayId).ConfigureAwait(false);
        return new McpProtocolException($"The upstream failed: {ex.Message}", McpErrorCode.InternalError);
    }

    /// <summary>Chooses the session the request goes over (see the class remarks) and sends it.</summary>
    private async Task<T> ForwardAsync<T>(ForwardedRequest request, CancellationToken cancellationToken)
        where T : Result
    {
        var progress = request.Relay?.Progress;
        if (request.Parameters?["requestState"] is JsonValue state && state.TryGetValue(out string? requestState) && ParkedCalls.Issued(requestState))
        {
            var answers = request.Parameters["inputResponses"]?.Deserialize(McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, InputResponse>)));
            return await parkedCalls.ResumeAsync<T>(requestState, answers as IDictionary<string, InputResponse>, progress, cancellationToken).ConfigureAwait(false);
        }

        var pooled = await pool.GetAsync(request.Gateway, cancellationToken).ConfigureAwait(false);
        if (request.Caller is not { } caller)
        {
            return await SendAsync<T>(request, pooled, progress, cancellationToken).ConfigureAwait(false);
        }

        var statelessCaller = ProtocolRevisions.IsStateless(caller.NegotiatedProtocolVersion);
        if (statelessCaller && AnswersRequests(caller) && !ProtocolRevisions.IsStateless(pooled.Client.NegotiatedProtocolVersion))
        {
            // The call outlives this request; the upstream's time limit (FEDERATION_TIMEOUT) bounds it.
            return await parkedCalls.StartAsync<T>(
                parked => SendOverOwnSessionAsync<T>(
                    request, new UpstreamCaller(caller.NegotiatedProtocolVersion, caller.ClientCapabilities, parked.AskAsync, LogLevel: null, Logs: null), parked, CancellationToken.None),
                progress,
                cancellationToken).ConfigureAwait(false);
        }

        var asksCaller = !statelessCaller && AnswersRequests(caller);
        if (!asksCaller && request.LogLevel is null)
        {
            return await SendAsync<T>(request, pooled, progress, cancellationToken).ConfigureAwait(false);
        }

        var relayedLogs = request.LogLevel is null ? null : request.Relay?.Logs;
        if (statelessCaller || caller.SessionId is not { } sessionId)
        {
            // No downstream session to keep an upstream session for: one for this call alone, so that the upstream's
            // log messages reach this caller only.
            return await SendOverOwnSessionAsync<T>(
                request, new UpstreamCaller(caller.NegotiatedProtocolVersion, null, null, request.LogLevel, relayedLogs), progress, cancellationToken).ConfigureAwait(false);
        }

        var downstream = new DownstreamSession(
            sessionId, caller.NegotiatedProtocolVersion, asksCaller ? caller.ClientCapabilities : null, request.LogLevel, sessions.Ending(sessionId));
        var bound = await sessionUpstreams.GetAsync(request.Gateway, downstream, cancellationToken).ConfigureAwait(false);
        try
        {
            using var entered = bound.Callers.Enter(
                new UpstreamCaller(caller.NegotiatedProtocolVersion, null, asksCaller ? AskSessionCaller(caller) : null, request.LogLevel, relayedLogs));
            await bound.FollowLogLevelAsync(request.LogLevel, cancellationToken).ConfigureAwait(false);
            return await SendAsync<T>(request, bound.Connection, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUpstreamFailure(ex, cancellationToken))
        {
            await sessionUpstreams.EvictAsync(sessionId, request.Gateway.Id).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Sends the request over an upstream session made for it alone, serving <paramref name="caller"/>, and closes it after.</summary>
    private async Task<T> SendOverOwnSessionAsync<T>(
        ForwardedRequest request, UpstreamCaller caller, IProgress<ProgressNotificationValue>? progress, CancellationToken cancellationToken)
    {
        await using var dedicated = await connector.ConnectAsync(request.Gateway, cancellationToken, caller).ConfigureAwait(false);
        return await SendAsync<T>(request, dedicated, progress, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> SendAsync<T>(
        ForwardedRequest request, UpstreamConnection connection, IProgress<ProgressNotificationValue>? progress, CancellationToken cancellationToken)
    {
        using var headers = PassthroughHeaders.Use(request.Gateway.PassthroughHeaders, request.ClientHeaders);

        // The SDK client mirrors x-mcp-header arguments into Mcp-Param-* headers (SEP-2243) for tools it knows.
        if (request.KnownTool is { } tool)
        {
            connection.Client.AddKnownTools([tool]);
        }

        return await pipelines.For(request.Gateway.Id, request.Idempotent).ExecuteAsync(
            async token => await UpstreamRequest.SendAsync<T>(
                connection, request.Method, request.Parameters, request.UpstreamName, request.Caller?.ClientCapabilities, request.LogLevel, progress, token).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Puts an upstream's request to a session caller as a request of the gateway's own, over the call's stream.</summary>
    private static Func<InputRequest, CancellationToken, Task<InputResponse>> AskSessionCaller(McpServer caller) =>
        async (request, cancellationToken) => request.Method switch
        {
            RequestMethods.SamplingCreateMessage =>
                InputResponse.FromSamplingResult(await caller.SampleAsync(request.SamplingParams!, cancellationToken).ConfigureAwait(false)),
            RequestMethods.ElicitationCreate =>
                InputResponse.FromElicitResult(await caller.ElicitAsync(request.ElicitationParams!, cancellationToken).ConfigureAwait(false)),
            RequestMethods.RootsList =>
                InputResponse.FromRootsResult(await caller.RequestRootsAsync(request.RootsParams!, cancellationToken).ConfigureAwait(false)),
            _ => throw new McpProtocolException($"The upstream asked for '{request.Method}', which the gateway cannot put to its caller.", McpErrorCode.MethodNotFound),
        };

    private static bool AnswersRequests(McpServer caller) =>
        caller.ClientCapabilities is { } capabilities && (capabilities.Sampling is not null || capabilities.Elicitation is not null || capabilities.Roots is not null);

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
