using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using McpGateway.Shared.Federation;
using McpGateway.Shared.Observability;
using McpGateway.Shared.Protocol;
using McpGateway.Shared.Upstreams.Rest;

namespace McpGateway.Shared.Catalog.Tools;

/// <summary>
/// tools/call of a catalog tool: arguments checked against its input schema before anything leaves the gateway,
/// the upstream called, and the outcome recorded in the tool's (and the virtual server's) metrics.
/// </summary>
public sealed class ToolCallService(ToolArgumentValidator validator, RestToolInvoker rest, FederatedCalls federated, MetricsStore metrics, TimeProvider time)
{
    public async Task<CallToolResult> CallAsync(
        ToolRecord tool, IDictionary<string, System.Text.Json.JsonElement>? arguments, ToolCallContext context, CancellationToken cancellationToken)
    {
        var violations = validator.Validate(tool.InputSchema, arguments);
        if (violations.Count > 0)
        {
            // SEP-1303: from 2025-11-25 the model sees the mistake as a tool result it can correct; before, it is a protocol error.
            var message = ToolArgumentViolation.Describe(violations);
            return ProtocolRevisions.ReportsArgumentErrorsInResult(context.Revision)
                ? new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = message }] }
                : throw new McpProtocolException(message, McpErrorCode.InvalidParams);
        }

        var started = time.GetTimestamp();
        var result = tool.GatewayId is null
            ? await rest.InvokeAsync(tool, arguments, cancellationToken).ConfigureAwait(false)
            : await federated.CallToolAsync(tool, arguments, context, cancellationToken).ConfigureAwait(false);
        var elapsed = time.GetElapsedTime(started);
        var success = result.IsError is not true;

        // Recorded even if the caller has gone: the call happened.
        await metrics.RecordAsync(CatalogKind.Tools.Singular, tool.Id, success, elapsed, CancellationToken.None).ConfigureAwait(false);
        if (context.ServerId is { } serverId)
        {
            await metrics.RecordAsync(CatalogKind.Servers.Singular, serverId, success, elapsed, CancellationToken.None).ConfigureAwait(false);
        }

        return result;
    }
}
