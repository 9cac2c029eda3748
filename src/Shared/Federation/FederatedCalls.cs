using System.Text.Json;
using McpGateway.Shared.Catalog.Gateways;
using McpGateway.Shared.Catalog.Prompts;
using McpGateway.Shared.Catalog.Tools;
using McpGateway.Shared.Upstreams.Mcp;
using ModelContextProtocol;
using ModelContextProtocol.Client;
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

            // A caller that can answer sampling, elicitation or roots gets a session of its own, bound to it, so the
            // upstream's requests reach that caller and no other; everyone else shares the pooled session.
            await using var dedicated = RelaysRequests(context.Caller)
                ? await connector.ConnectAsync(gateway, cancellationToken, context.Caller).ConfigureAwait(false)
                : null;
            var client = dedicated?.Client ?? (await pool.GetAsync(gateway, cancellationToken).ConfigureAwait(false)).Client;
            using var headers = PassthroughHeaders.Use(gateway.PassthroughHeaders, context.ClientHeaders);

            // The SDK client mirrors x-mcp-header arguments into Mcp-Param-* headers (SEP-2243) for tools it knows.
            var upstreamName = tool.OriginalName ?? tool.Name;
            client.AddKnownTools([new Tool { Name = upstreamName, InputSchema = tool.InputSchema }]);
            return await pipelines.For(gateway.Id, idempotent: false).ExecuteAsync(
                async token => await client.CallToolAsync(
                    upstreamName,
                    arguments?.ToDictionary(a => a.Key, a => (object?)a.Value),
                    context.Progress,
                    cancellationToken: token).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUpstreamFailure(ex, cancellationToken))
        {
            await pool.EvictAsync(tool.GatewayId!).ConfigureAwait(false);
            return new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = $"Tool '{tool.Name}' failed: {ex.Message}" }] };
        }
    }

    public Task<ReadResourceResult> ReadResourceAsync(string gatewayId, string uri, CancellationToken cancellationToken) =>
        ForwardAsync(gatewayId, (client, token) => client.ReadResourceAsync(uri, cancellationToken: token).AsTask(), cancellationToken);

    public Task<GetPromptResult> GetPromptAsync(PromptRecord prompt, IDictionary<string, JsonElement>? arguments, CancellationToken cancellationToken) =>
        ForwardAsync(
            prompt.GatewayId!,
            (client, token) => client.GetPromptAsync(
                prompt.OriginalName ?? prompt.Name,
                arguments?.ToDictionary(a => a.Key, a => (object?)a.Value),
                cancellationToken: token).AsTask(),
            cancellationToken);

    public Task<CompleteResult> CompleteAsync(string gatewayId, Reference reference, Argument argument, CancellationToken cancellationToken) =>
        ForwardAsync(gatewayId, (client, token) => client.CompleteAsync(reference, argument.Name, argument.Value, cancellationToken: token).AsTask(), cancellationToken);

    private async Task<T> ForwardAsync<T>(string gatewayId, Func<McpClient, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            var gateway = await ReachableGatewayAsync(gatewayId, cancellationToken).ConfigureAwait(false);
            var client = (await pool.GetAsync(gateway, cancellationToken).ConfigureAwait(false)).Client;
            return await pipelines.For(gatewayId, idempotent: true)
                .ExecuteAsync(async token => await call(client, token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUpstreamFailure(ex, cancellationToken))
        {
            await pool.EvictAsync(gatewayId).ConfigureAwait(false);
            throw new McpProtocolException($"The upstream failed: {ex.Message}", McpErrorCode.InternalError);
        }
    }

#pragma warning disable MCP9005 // Sampling and roots are deprecated in 2026-07-28 but live in the revisions relayed.
    private static bool RelaysRequests(McpServer? caller) =>
        caller?.ClientCapabilities is { } capabilities && (capabilities.Sampling is not null || capabilities.Elicitation is not null || capabilities.Roots is not null);
#pragma warning restore MCP9005

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
