using System.Collections.Concurrent;

namespace McpGateway.Shared.Transports;

/// <summary>
/// The requests this instance is serving, so that a notifications/cancelled arriving in a later HTTP request
/// (each request gets its own server core) can cancel the one it names.
/// </summary>
public sealed class InFlightRequests
{
    private readonly ConcurrentDictionary<string, CancellationTokenSource> requests = new(StringComparer.Ordinal);

    /// <summary>Registers a request; dispose the result when it completes.</summary>
    public Registration Register(string owner, string requestId, CancellationToken requestAborted)
    {
        var key = Key(owner, requestId);
        var source = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        requests[key] = source;
        return new Registration(this, key, source);
    }

    /// <returns>True when a request of that owner and id was in flight here.</returns>
    public bool Cancel(string owner, string requestId)
    {
        if (!requests.TryGetValue(Key(owner, requestId), out var source))
        {
            return false;
        }

        source.Cancel();
        return true;
    }

    private static string Key(string owner, string requestId) => owner + "\n" + requestId;

    public sealed class Registration(InFlightRequests registry, string key, CancellationTokenSource source) : IDisposable
    {
        public CancellationToken Token => source.Token;

        public void Dispose()
        {
            registry.requests.TryRemove(KeyValuePair.Create(key, source));
            source.Dispose();
        }
    }
}
