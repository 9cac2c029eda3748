using McpGateway.Shared.Catalog.Credentials;
using McpGateway.Shared.Catalog.Gateways;
using McpGateway.Shared.Configuration;
using McpGateway.Shared.Observability;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Client;

namespace McpGateway.Shared.Upstreams.Mcp;

/// <summary>
/// Connects to an upstream MCP server with the official SDK client. A gateway registered without a transport is
/// probed, never assumed: Streamable HTTP first, then SSE, at the URL as given and, for a bare base URL, at the
/// conventional <c>/mcp</c> and <c>/sse</c> paths.
/// </summary>
public sealed class UpstreamConnector(
    AuthCodec auth, PeerGatewayService gateways, IHttpClientFactory httpClients, IOptions<FederationOptions> options, ILoggerFactory loggers)
{
    public const string HttpClientName = "mcp-upstreams";
    public const string StreamableHttp = "STREAMABLEHTTP";
    public const string Sse = "SSE";

    /// <exception cref="UpstreamUnavailableException">No candidate endpoint answered as an MCP server.</exception>
    public async Task<UpstreamConnection> ConnectAsync(PeerGatewayRecord gateway, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        foreach (var (endpoint, transport) in Candidates(gateway))
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.TimeoutSeconds));
            try
            {
                var client = await McpClient.CreateAsync(
                    transport == PeerGatewayService.StdioTransport ? StdioTransport(gateway) : Transport(gateway, endpoint, transport),
                    new McpClientOptions { ClientInfo = new() { Name = "mcpgateway", Version = SystemRoutes.Version } },
                    loggers,
                    timeout.Token).ConfigureAwait(false);
                return new UpstreamConnection(client, endpoint, transport);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failures.Add($"{transport} {endpoint}: {(ex is OperationCanceledException ? "timed out" : ex.Message)}");
            }
        }

        throw new UpstreamUnavailableException($"Gateway '{gateway.Name}' could not be reached as an MCP server ({string.Join("; ", failures)}).");
    }

    /// <summary>The endpoints and transports to try, in order: the known ones first, then the probes.</summary>
    private static IEnumerable<(Uri Endpoint, string Transport)> Candidates(PeerGatewayRecord gateway)
    {
        if (gateway.Endpoint is { } known && gateway.Transport is { } knownTransport)
        {
            yield return (new Uri(known), knownTransport);
        }

        var url = new Uri(gateway.Url);
        if (gateway.Transport == PeerGatewayService.StdioTransport)
        {
            yield return (url, PeerGatewayService.StdioTransport);
            yield break;
        }

        var transports = gateway.Transport is { } chosen ? [chosen] : new[] { StreamableHttp, Sse };
        var bareBase = url.AbsolutePath is "" or "/";
        foreach (var transport in transports)
        {
            yield return (url, transport);
            if (bareBase)
            {
                yield return (new Uri(url, transport == Sse ? "sse" : "mcp"), transport);
            }
        }
    }

    /// <summary>Runs the gateway's program as a child process speaking MCP on stdin/stdout (container host only).</summary>
    private StdioClientTransport StdioTransport(PeerGatewayRecord gateway)
    {
        var stdio = gateway.Stdio ?? throw new UpstreamUnavailableException($"Gateway '{gateway.Name}' uses STDIO but names no command.");
        return new StdioClientTransport(
            new StdioClientTransportOptions
            {
                Name = gateway.Slug,
                Command = stdio.Command,
                Arguments = [.. stdio.Args],
                EnvironmentVariables = gateway.Stdio.ProtectedEnv is null ? null : gateways.StdioEnvironment(stdio).ToDictionary(e => e.Key, e => (string?)e.Value),
            },
            loggers);
    }

    private HttpClientTransport Transport(PeerGatewayRecord gateway, Uri endpoint, string transport) => new(
        new HttpClientTransportOptions
        {
            Endpoint = endpoint,
            Name = gateway.Slug,
            TransportMode = transport == Sse ? HttpTransportMode.Sse : HttpTransportMode.StreamableHttp,
            ConnectionTimeout = TimeSpan.FromSeconds(options.Value.TimeoutSeconds),
            AdditionalHeaders = gateway.Auth is null ? new Dictionary<string, string>() : new Dictionary<string, string>(auth.Headers(gateway.Auth)),
        },
        httpClients.CreateClient(HttpClientName),
        loggers,
        ownsHttpClient: false);
}
