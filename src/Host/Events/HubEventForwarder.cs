using McpGateway.Shared.Notifications;
using McpGateway.Shared.Notifications.SignalRService;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace McpGateway.Host.Events;

/// <summary>
/// In-process mode (no Azure SignalR Service): while clients are connected to this host's hub, forwards every event
/// of the <see cref="EventHub"/> (published by any instance) to them. With Azure SignalR Service the service fans
/// out instead (<see cref="HubEventRelay"/>) and this stays idle, or each instance would send every event again.
/// </summary>
public sealed class HubEventForwarder(
    EventHub events,
    IHubContext<Events> hub,
    IOptions<SignalRServiceOptions> signalR,
    IOptions<EventOptions> options,
    TimeProvider time,
    ILogger<HubEventForwarder> logger) : IDisposable
{
    /// <summary>
    /// The forwarding starts this far before the first client connected: a client's start completes at the SignalR
    /// handshake, a moment before its connection is counted, and it must not miss a change it makes right after.
    /// </summary>
    private static readonly TimeSpan StartMargin = TimeSpan.FromSeconds(2);

    private readonly Lock gate = new();
    private int connections;
    private CancellationTokenSource? forwarding;

    public Task ConnectedAsync()
    {
        if (signalR.Value.Configured)
        {
            return Task.CompletedTask;
        }

        lock (gate)
        {
            if (++connections == 1)
            {
                forwarding = new CancellationTokenSource();
                var since = EventIds.Floor(time.GetUtcNow() - StartMargin);
                _ = Task.Run(() => ForwardAsync(since, forwarding.Token), CancellationToken.None);
            }
        }

        return Task.CompletedTask;
    }

    public void Disconnected()
    {
        if (signalR.Value.Configured)
        {
            return;
        }

        lock (gate)
        {
            if (--connections == 0)
            {
                StopForwarding();
            }
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            StopForwarding();
        }
    }

    private void StopForwarding()
    {
        forwarding?.Cancel();
        forwarding?.Dispose();
        forwarding = null;
    }

    /// <summary>Forwards until the last client leaves; after a storage failure it resubscribes from the last event sent, losing none.</summary>
    private async Task ForwardAsync(string after, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var subscription = await events.SubscribeAsync(_ => true, after, cancellationToken).ConfigureAwait(false);
                await foreach (var gatewayEvent in subscription.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    await hub.Clients.All.SendAsync(SignalRNegotiation.ClientMethod, gatewayEvent, cancellationToken).ConfigureAwait(false);
                    after = gatewayEvent.EventId;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Forwarding events to SignalR clients failed; retrying");
                await Task.Delay(TimeSpan.FromMilliseconds(options.Value.PollIntervalMilliseconds), time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
