using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using McpGateway.Shared.Catalog;
using McpGateway.Shared.Catalog.Gateways;
using McpGateway.Shared.Notifications;
using McpGateway.Shared.Protocol;
using McpGateway.Shared.Upstreams.Mcp;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpGateway.Shared.Federation;

/// <summary>
/// Subscribes upstreams to the federated resources the gateway's sessions subscribe to, and turns each upstream's
/// notifications/resources/updated into a resource_updated event, which reaches every subscribed session on any
/// instance. Resource subscriptions exist only in the session revisions, so the instance that took a subscription
/// holds one session per upstream for them (2025-11-25, or the older revision the peer is pinned to); the upstream
/// subscription lasts as long as that session.
/// </summary>
public sealed class FederatedSubscriptions(PeerGatewayService gateways, UpstreamConnector connector, EventPublisher events) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<Subscriber>>> subscribers = new(StringComparer.Ordinal);

    /// <exception cref="McpProtocolException">The upstream refused the subscription, or could not be reached.</exception>
    public async Task SubscribeAsync(string gatewayId, string uri, CancellationToken cancellationToken)
    {
        var gateway = (await gateways.GetAsync(gatewayId, cancellationToken).ConfigureAwait(false)).Document;
        var subscriber = subscribers.GetOrAdd(gatewayId, _ => new(() => ConnectAsync(gateway)));
        try
        {
            var connected = await subscriber.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (connected.Uris.TryAdd(uri, 0))
            {
                await connected.Connection.Client.SubscribeToResourceAsync(FederatedResourceUris.OnUpstream(gateway, uri), cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is UpstreamUnavailableException or McpException or HttpRequestException)
        {
            subscribers.TryRemove(KeyValuePair.Create(gatewayId, subscriber));
            throw new McpProtocolException($"The upstream of '{uri}' did not take the subscription: {ex.Message}", McpErrorCode.InternalError);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var subscriber in subscribers.Values.Where(s => s.IsValueCreated && s.Value.IsCompletedSuccessfully))
        {
            await subscriber.Value.Result.Connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<Subscriber> ConnectAsync(PeerGatewayRecord gateway)
    {
        var connection = await connector.ConnectAsync(
            gateway, CancellationToken.None, new UpstreamCaller(ProtocolRevisions.November2025, Capabilities: null, AskAsync: null, LogLevel: null, Logs: null))
            .ConfigureAwait(false);
        connection.Client.RegisterNotificationHandler(
            NotificationMethods.ResourceUpdatedNotification,
            async (notification, _) =>
            {
                if (notification.Params?.Deserialize(McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(ResourceUpdatedNotificationParams))) is ResourceUpdatedNotificationParams updated)
                {
                    var uri = FederatedResourceUris.InCatalog(gateway, updated.Uri);
                    await events.PublishAsync(
                        EventTypes.ResourceUpdated, CatalogKind.Resources.Singular, uri, new JsonObject { ["uri"] = uri, ["gatewayId"] = gateway.Id })
                        .ConfigureAwait(false);
                }
            });
        return new Subscriber(connection, new ConcurrentDictionary<string, byte>(StringComparer.Ordinal));
    }

    /// <param name="Uris">The URIs this session has subscribed to upstream.</param>
    private sealed record Subscriber(UpstreamConnection Connection, ConcurrentDictionary<string, byte> Uris);
}
