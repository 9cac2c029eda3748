using System.Net;
using System.Net.Sockets;

namespace McpGateway.Shared.Upstreams.Outbound;

/// <summary>
/// Opens the TCP connections of the HTTP clients that call upstreams for callers. The host is resolved here, every
/// address it resolves to is checked, and the socket connects to an allowed one: the address checked is the address
/// connected to, so a name cannot resolve to one address for the check and another for the connection (DNS
/// rebinding), and every redirect to another host comes through here again.
/// </summary>
public sealed class OutboundConnector(OutboundPolicy policy, IOutboundNameResolver resolver)
{
    /// <summary>
    /// The primary handler of such a client. No proxy: the policy must see the address the request goes to, and a
    /// proxy's address says nothing about that.
    /// </summary>
    public SocketsHttpHandler CreateHandler() => new() { ConnectCallback = ConnectAsync, UseProxy = false };

    /// <exception cref="OutboundRefusedException">The host, or every address it resolves to, is refused.</exception>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await AllowedAddressesAsync(context.DnsEndPoint.Host, cancellationToken).ConfigureAwait(false);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task<IPAddress[]> AllowedAddressesAsync(string host, CancellationToken cancellationToken)
    {
        if (policy.CheckHost(host) is { } refusal)
        {
            throw new OutboundRefusedException(refusal);
        }

        if (IPAddress.TryParse(OutboundPolicy.NormalizeHost(host), out var literal))
        {
            return [literal];
        }

        var resolved = await resolver.ResolveAsync(host, cancellationToken).ConfigureAwait(false);
        if (resolved.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        var allowed = resolved.Where(address => policy.Check(address) is null).ToArray();
        return allowed.Length > 0 ? allowed : throw new OutboundRefusedException(policy.Check(resolved[0])!.ForName(host));
    }
}
