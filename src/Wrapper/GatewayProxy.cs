using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpGateway.Wrapper;

/// <summary>
/// The wrapper's MCP server: each request of the stdio client goes to the gateway unchanged through the SDK's client
/// session, and its answer (result or error) comes back unchanged. The server presents the gateway's identity and
/// exactly the capabilities the gateway offers.
/// </summary>
public sealed class GatewayProxy(McpClient gateway, TimeSpan toolCallTimeout)
{
    /// <summary>Notifications the gateway sends on its own that the stdio client should see too.</summary>
    public static readonly IReadOnlyList<string> ForwardedNotifications =
    [
        NotificationMethods.ToolListChangedNotification,
        NotificationMethods.ResourceListChangedNotification,
        NotificationMethods.PromptListChangedNotification,
        NotificationMethods.ResourceUpdatedNotification,
        NotificationMethods.ProgressNotification,
#pragma warning disable MCP9005 // Deprecated in 2026-07-28; gateways of earlier revisions still send log messages.
        NotificationMethods.LoggingMessageNotification,
#pragma warning restore MCP9005
    ];

    public McpServerOptions ServerOptions()
    {
        var offered = gateway.ServerCapabilities;
        return new McpServerOptions
        {
            ServerInfo = gateway.ServerInfo,
            ServerInstructions = gateway.ServerInstructions,
            Capabilities = offered,
            Handlers = new McpServerHandlers
            {
                ListToolsHandler = offered.Tools is null ? null : (request, ct) => gateway.ListToolsAsync(request.Params ?? new(), ct),
                CallToolHandler = offered.Tools is null ? null : CallToolAsync,
                ListResourcesHandler = offered.Resources is null ? null : (request, ct) => gateway.ListResourcesAsync(request.Params ?? new(), ct),
                ListResourceTemplatesHandler = offered.Resources is null ? null : (request, ct) => gateway.ListResourceTemplatesAsync(request.Params ?? new(), ct),
                ReadResourceHandler = offered.Resources is null ? null : (request, ct) => gateway.ReadResourceAsync(Required(request.Params), ct),
                SubscribeToResourcesHandler = offered.Resources?.Subscribe != true ? null : async (request, ct) =>
                {
                    await gateway.SubscribeToResourceAsync(Required(request.Params), ct).ConfigureAwait(false);
                    return new EmptyResult();
                },
                UnsubscribeFromResourcesHandler = offered.Resources?.Subscribe != true ? null : async (request, ct) =>
                {
                    await gateway.UnsubscribeFromResourceAsync(Required(request.Params), ct).ConfigureAwait(false);
                    return new EmptyResult();
                },
                ListPromptsHandler = offered.Prompts is null ? null : (request, ct) => gateway.ListPromptsAsync(request.Params ?? new(), ct),
                GetPromptHandler = offered.Prompts is null ? null : (request, ct) => gateway.GetPromptAsync(Required(request.Params), ct),
                CompleteHandler = offered.Completions is null ? null : (request, ct) => gateway.CompleteAsync(Required(request.Params), ct),
#pragma warning disable MCP9005 // Deprecated in 2026-07-28; forwarded for the clients of earlier revisions that still send it.
                SetLoggingLevelHandler = offered.Logging is null ? null : async (request, ct) =>
                {
                    await gateway.SetLoggingLevelAsync(Required(request.Params), ct).ConfigureAwait(false);
                    return new EmptyResult();
                },
#pragma warning restore MCP9005
            },
        };
    }

    /// <summary>Relays the gateway's notifications to <paramref name="client"/> for as long as the returned handles live.</summary>
    public IReadOnlyList<IAsyncDisposable> ForwardNotificationsTo(McpServer client) =>
        ForwardedNotifications
            .Select(method => gateway.RegisterNotificationHandler(method, (notification, ct) =>
                new ValueTask(client.SendMessageAsync(new JsonRpcNotification { Method = notification.Method, Params = notification.Params }, ct))))
            .ToList();

    private async ValueTask<CallToolResult> CallToolAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken)
    {
        var call = Required(request.Params);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(toolCallTimeout);
        try
        {
            return await gateway.CallToolAsync(call, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new McpProtocolException(
                $"The gateway did not answer tools/call '{call.Name}' within MCP_TOOL_CALL_TIMEOUT ({toolCallTimeout.TotalSeconds:0} s).", McpErrorCode.InternalError);
        }
    }

    private static T Required<T>(T? parameters)
        where T : class =>
        parameters ?? throw new McpProtocolException("The request has no params.", McpErrorCode.InvalidParams);
}
