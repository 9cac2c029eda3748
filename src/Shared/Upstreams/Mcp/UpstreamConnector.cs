using McpGateway.Shared.Catalog.Credentials;
using McpGateway.Shared.Catalog.Gateways;
using McpGateway.Shared.Configuration;
using McpGateway.Shared.Observability;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using McpGateway.Shared.Protocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

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

    private static readonly Implementation ClientInfo = new() { Name = "mcpgateway", Version = SystemRoutes.Version };

    /// <exception cref="UpstreamUnavailableException">No candidate endpoint answered as an MCP server.</exception>
    /// <param name="caller">
    /// For a session dedicated to one forwarded call: the caller of that call. A session caller's capabilities are
    /// the upstream's to see and its requests to the client (sampling, elicitation, roots) are relayed to the caller;
    /// the upstream's log messages go to the caller at the level it asked for.
    /// </param>
    public async Task<UpstreamConnection> ConnectAsync(PeerGatewayRecord gateway, CancellationToken cancellationToken, UpstreamCaller? caller = null)
    {
        var failures = new List<string>();
        foreach (var (endpoint, transport) in Candidates(gateway))
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.TimeoutSeconds));
            try
            {
                var forwarding = new ForwardingClientTransport(
                    transport == PeerGatewayService.StdioTransport ? StdioTransport(gateway) : Transport(gateway, endpoint, transport))
                {
                    Logs = caller?.LogLevel is null ? null : caller.Logs,
                };
                var client = await McpClient.CreateAsync(forwarding, ClientOptions(caller?.Server), loggers, timeout.Token).ConfigureAwait(false);
                await AskForLogsAsync(client, caller?.LogLevel, timeout.Token).ConfigureAwait(false);
                return new UpstreamConnection(client, endpoint, transport, forwarding);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failures.Add($"{transport} {endpoint}: {(ex is OperationCanceledException ? "timed out" : ex.Message)}");
            }
        }

        throw new UpstreamUnavailableException($"Gateway '{gateway.Name}' could not be reached as an MCP server ({string.Join("; ", failures)}).");
    }

    /// <summary>An upstream of a session revision sends log messages at the level its client set (2026-07-28 callers set it per request).</summary>
    private static async Task AskForLogsAsync(McpClient client, LoggingLevel? level, CancellationToken cancellationToken)
    {
        if (level is { } wanted && !ProtocolRevisions.IsStateless(client.NegotiatedProtocolVersion) && client.ServerCapabilities.Logging is not null)
        {
            await client.SetLoggingLevelAsync(wanted, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A session caller's dedicated session uses 2025-11-25, where the upstream asks its client directly over the
    /// call's stream, and the gateway asks the caller the same way. A 2026-07-28 caller needs none of that: the
    /// upstream's input-required results go back to it as they are.
    /// </summary>
    private static McpClientOptions ClientOptions(McpServer? caller)
    {
        if (caller is null || ProtocolRevisions.IsStateless(caller.NegotiatedProtocolVersion))
        {
            return new() { ClientInfo = ClientInfo };
        }

        return new()
        {
            ClientInfo = ClientInfo,
            ProtocolVersion = ProtocolRevisions.November2025,
            Capabilities = caller.ClientCapabilities is { } capabilities
                ? new ClientCapabilities { Sampling = capabilities.Sampling, Elicitation = capabilities.Elicitation, Roots = capabilities.Roots }
                : null,
            Handlers = new McpClientHandlers
            {
                SamplingHandler = async (request, _, cancellationToken) => await caller.SampleAsync(request!, cancellationToken).ConfigureAwait(false),
                ElicitationHandler = async (request, cancellationToken) => await caller.ElicitAsync(request!, cancellationToken).ConfigureAwait(false),
                RootsHandler = async (request, cancellationToken) => await caller.RequestRootsAsync(request!, cancellationToken).ConfigureAwait(false),
            },
        };
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
    private IClientTransport StdioTransport(PeerGatewayRecord gateway)
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

    private IClientTransport Transport(PeerGatewayRecord gateway, Uri endpoint, string transport) => new HttpClientTransport(
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
