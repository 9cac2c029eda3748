using Microsoft.AspNetCore.Http;

namespace McpGateway.Shared.Upstreams.Mcp;

/// <summary>
/// The client headers a call forwards to its upstream (the gateway's passthrough_headers allow-list), carried
/// with the call's async flow to <see cref="PassthroughHeadersHandler"/>, since the upstream session is shared.
/// </summary>
public static class PassthroughHeaders
{
    private static readonly AsyncLocal<IReadOnlyDictionary<string, string>?> Current = new();

    public static IReadOnlyDictionary<string, string>? ForThisCall => Current.Value;

    /// <summary>Selects the allowed headers of the client's request for the calls made until the scope is disposed.</summary>
    public static IDisposable Use(IReadOnlyList<string>? allowed, IHeaderDictionary? clientHeaders)
    {
        var previous = Current.Value;
        Current.Value = allowed is { Count: > 0 } && clientHeaders is not null
            ? allowed.Where(name => clientHeaders.ContainsKey(name)).ToDictionary(name => name, name => clientHeaders[name].ToString(), StringComparer.OrdinalIgnoreCase)
            : null;
        return new Restore(previous);
    }

    private sealed class Restore(IReadOnlyDictionary<string, string>? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}

/// <summary>Adds the current call's passthrough headers to the requests the upstream MCP client sends.</summary>
public sealed class PassthroughHeadersHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        foreach (var (name, value) in PassthroughHeaders.ForThisCall ?? new Dictionary<string, string>())
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
