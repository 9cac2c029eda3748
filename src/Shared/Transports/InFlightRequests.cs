using System.Collections.Concurrent;
using ModelContextProtocol.Server;

namespace McpGateway.Shared.Transports;

/// <summary>
/// The requests this instance is serving. Each HTTP request gets its own server core (or none, when
/// <see cref="StreamableHttp.RestToolShortcut"/> answers it), so a notifications/cancelled or a client's answer to a
/// server-to-client request (sampling, elicitation, roots), arriving in a later HTTP request, is delivered here to
/// the request it concerns.
/// </summary>
public sealed class InFlightRequests
{
    private readonly ConcurrentDictionary<string, Registration> requests = new(StringComparer.Ordinal);

    /// <summary>Registers a request and the transport serving it (none when served without a server core); dispose the result when it completes.</summary>
    public Registration Register(string owner, string requestId, StreamableHttpServerTransport? transport, CancellationToken requestAborted)
    {
        var registration = new Registration(this, owner, Key(owner, requestId), transport, CancellationTokenSource.CreateLinkedTokenSource(requestAborted));
        requests[registration.Key] = registration;
        return registration;
    }

    /// <returns>True when a request of that owner and id was in flight here.</returns>
    public bool Cancel(string owner, string requestId)
    {
        if (!requests.TryGetValue(Key(owner, requestId), out var registration))
        {
            return false;
        }

        registration.Cancel();
        return true;
    }

    /// <summary>The transports serving the owner's requests here, one of which awaits the client's answer.</summary>
    public IReadOnlyList<StreamableHttpServerTransport> TransportsOf(string owner) =>
        requests.Values.Where(r => r.Owner == owner).Select(r => r.Transport).OfType<StreamableHttpServerTransport>().ToList();

    private static string Key(string owner, string requestId) => owner + "\n" + requestId;

    public sealed class Registration(InFlightRequests registry, string owner, string key, StreamableHttpServerTransport? transport, CancellationTokenSource source) : IDisposable
    {
        internal string Owner => owner;

        internal string Key => key;

        internal StreamableHttpServerTransport? Transport => transport;

        public CancellationToken Token => source.Token;

        internal void Cancel() => source.Cancel();

        public void Dispose()
        {
            registry.requests.TryRemove(KeyValuePair.Create(key, this));
            source.Dispose();
        }
    }
}
