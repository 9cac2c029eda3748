using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using McpGateway.Shared.Catalog.Gateways;
using McpGateway.Shared.Federation;
using McpGateway.Shared.Observability;
using McpGateway.Shared.Protocol;
using McpGateway.Shared.Upstreams.Rest;

namespace McpGateway.Shared.Catalog.Tools;

/// <summary>
/// tools/call of a catalog tool: arguments checked against its input schema before anything leaves the gateway (for a
/// federated tool only when its peer has <c>validate_arguments</c>; otherwise the upstream judges them), the upstream
/// called, and the outcome recorded in the tool's (and the virtual server's) metrics.
/// </summary>
public sealed class ToolCallService(ToolArgumentValidator validator, RestToolInvoker rest, FederatedCalls federated, PeerGatewayService peers, MetricsStore metrics)
{
    public async Task<CallToolResult> CallAsync(
        ToolRecord tool, IDictionary<string, System.Text.Json.JsonElement>? arguments, ToolCallContext context, CancellationToken cancellationToken)
    {
        IReadOnlyList<ToolArgumentViolation> violations = peers.ValidatesArgumentsOf(tool.GatewayId) ? validator.Validate(tool.InputSchema, arguments) : [];
        if (violations.Count > 0)
        {
            // SEP-1303: from 2025-11-25 the model sees the mistake as a tool result it can correct; before, it is a protocol error.
            var message = ToolArgumentViolation.Describe(violations);
            return ProtocolRevisions.ReportsArgumentErrorsInResult(context.Revision)
                ? new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = message }] }
                : throw new McpProtocolException(message, McpErrorCode.InvalidParams);
        }

        MeasuredItem[] counted = context.ServerId is { } serverId
            ? [new(CatalogKind.Tools.Singular, tool.Id), new(CatalogKind.Servers.Singular, serverId)]
            : [new(CatalogKind.Tools.Singular, tool.Id)];
        return await metrics.MeasureAsync(
            counted,
            () => tool.GatewayId is null ? rest.InvokeAsync(tool, arguments, cancellationToken) : federated.CallToolAsync(tool, arguments, context, cancellationToken),
            result => result.IsError is true).ConfigureAwait(false);
    }
}
