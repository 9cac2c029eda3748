using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpGateway.Shared.Upstreams.Mcp;

/// <summary>
/// An upstream transport as the gateway needs it, between the SDK client and the real transport. What an upstream
/// sends about a forwarded request belongs to the gateway's caller, not to the SDK client: its input-required
/// results (SEP-2322) are handed back unresolved, for the caller to answer, and its progress notifications (and, on
/// a session dedicated to one call, its log messages) go straight to the caller's relay in the order they arrive, so
/// none can trail the result that follows them.
/// </summary>
public sealed class ForwardingClientTransport(IClientTransport inner) : IClientTransport
{
    /// <summary>What an input-required result's <c>resultType</c> becomes, so that the SDK client returns it as it is.</summary>
    private const string UnresolvedInputRequired = "mcpgateway/input_required";

    private const string InputRequired = "input_required";

    private readonly ConcurrentDictionary<string, IProgress<ProgressNotificationValue>> progressRoutes = new(StringComparer.Ordinal);

    /// <summary>Where the upstream's log messages go when the session serves one call's caller (otherwise to the SDK client).</summary>
    public IProgress<LoggingMessageNotificationParams>? Logs { get; init; }

    public string Name => inner.Name;

    public async Task<ITransport> ConnectAsync(CancellationToken cancellationToken = default) =>
        new Session(await inner.ConnectAsync(cancellationToken).ConfigureAwait(false), this);

    /// <summary>Sends the upstream's progress notifications for <paramref name="token"/> to <paramref name="progress"/> until disposed.</summary>
    public IDisposable RouteProgress(string token, IProgress<ProgressNotificationValue> progress)
    {
        progressRoutes[token] = progress;
        return new ProgressRoute(progressRoutes, token);
    }

    /// <summary>The input-required result an upstream answered with, if that is what <paramref name="result"/> is.</summary>
    public static InputRequiredResult? UnresolvedInput(JsonNode? result) =>
        result is JsonObject fields && HasResultType(fields, UnresolvedInputRequired)
            ? WithResultType(fields, InputRequired).Deserialize(McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(InputRequiredResult))) as InputRequiredResult
            : null;

    private static bool HasResultType(JsonObject result, string resultType) =>
        result["resultType"] is JsonValue value && value.TryGetValue(out string? type) && type == resultType;

    private static JsonObject WithResultType(JsonObject result, string resultType)
    {
        result["resultType"] = resultType;
        return result;
    }

    private sealed class ProgressRoute(ConcurrentDictionary<string, IProgress<ProgressNotificationValue>> routes, string token) : IDisposable
    {
        public void Dispose() => routes.TryRemove(token, out _);
    }

    private sealed class Session : ITransport
    {
        private readonly ITransport upstream;
        private readonly ForwardingClientTransport routes;
        private readonly Channel<JsonRpcMessage> messages = Channel.CreateUnbounded<JsonRpcMessage>(new() { SingleReader = true, SingleWriter = true });
        private readonly Task pump;

        public Session(ITransport upstream, ForwardingClientTransport routes)
        {
            this.upstream = upstream;
            this.routes = routes;
            pump = PumpAsync();
        }

        public string? SessionId => upstream.SessionId;

        public ChannelReader<JsonRpcMessage> MessageReader => messages.Reader;

        public Task SendMessageAsync(JsonRpcMessage message, CancellationToken cancellationToken = default) =>
            upstream.SendMessageAsync(message, cancellationToken);

        public async ValueTask DisposeAsync()
        {
            await upstream.DisposeAsync().ConfigureAwait(false);
            await pump.ConfigureAwait(false);
        }

        /// <summary>Reads the upstream's messages in order, keeping the ones for the caller, passing on the rest.</summary>
        private async Task PumpAsync()
        {
            try
            {
                await foreach (var message in upstream.MessageReader.ReadAllAsync().ConfigureAwait(false))
                {
                    // Renamed, so that the SDK client returns it instead of resolving it with its own handlers.
                    if (message is JsonRpcResponse { Result: JsonObject result } && HasResultType(result, InputRequired))
                    {
                        WithResultType(result, UnresolvedInputRequired);
                    }

                    if (!RoutedToCaller(message))
                    {
                        await messages.Writer.WriteAsync(message).ConfigureAwait(false);
                    }
                }

                messages.Writer.TryComplete();
            }
            catch (Exception ex)
            {
                messages.Writer.TryComplete(ex);
            }
        }

        private bool RoutedToCaller(JsonRpcMessage message)
        {
            switch (message)
            {
                case JsonRpcNotification { Method: NotificationMethods.ProgressNotification, Params: { } parameters }
                    when parameters.Deserialize(McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(ProgressNotificationParams))) is ProgressNotificationParams progress
                    && routes.progressRoutes.TryGetValue(progress.ProgressToken.ToString() ?? string.Empty, out var route):
                    route.Report(progress.Progress);
                    return true;
                case JsonRpcNotification { Method: NotificationMethods.LoggingMessageNotification, Params: { } parameters } when routes.Logs is { } logs
                    && parameters.Deserialize(McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(LoggingMessageNotificationParams))) is LoggingMessageNotificationParams logMessage:
                    logs.Report(logMessage);
                    return true;
                default:
                    return false;
            }
        }
    }
}
