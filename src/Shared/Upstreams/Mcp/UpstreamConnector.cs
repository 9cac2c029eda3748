using System.Text.Json.Serialization.Metadata;
using McpGateway.Shared.Catalog.Credentials;
using McpGateway.Shared.Catalog.Gateways;
using McpGateway.Shared.Configuration;
using McpGateway.Shared.Observability;
using McpGateway.Shared.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpGateway.Shared.Upstreams.Mcp;

/// <summary>
/// Connects to an upstream MCP server with the official SDK client. A gateway registered without a transport is
/// probed, never assumed: Streamable HTTP first, then SSE, at the URL as given and, for a bare base URL, at the
/// conventional <c>/mcp</c> and <c>/sse</c> paths.
/// </summary>
public sealed class UpstreamConnector(
    AuthCodec auth, PeerGatewayService gateways, StdioCommandAllowList stdioCommands, IHttpClientFactory httpClients, IOptions<FederationOptions> options, ILoggerFactory loggers)
{
    public const string HttpClientName = "mcp-upstreams";
    public const string StreamableHttp = "STREAMABLEHTTP";
    public const string Sse = "SSE";

    private static readonly Implementation ClientInfo = new() { Name = "mcpgateway", Version = SystemRoutes.Version };

    /// <exception cref="UpstreamUnavailableException">No candidate endpoint answered as an MCP server.</exception>
    /// <param name="caller">
    /// For a session dedicated to one caller (a downstream session, or one forwarded call): that caller. The caller's
    /// capabilities are the upstream's to see and its requests to the client (sampling, elicitation, roots) are put to
    /// the caller; the upstream's log messages go to the caller at the level it asked for.
    /// </param>
    public async Task<UpstreamConnection> ConnectAsync(PeerGatewayRecord gateway, CancellationToken cancellationToken, UpstreamCaller? caller = null)
    {
        var failures = new List<string>();
        foreach (var (endpoint, transport) in Candidates(gateway))
        {
            try
            {
                return await ConnectToAsync(gateway, endpoint, transport, caller, LearnedRevision(gateway), cancellationToken).ConfigureAwait(false);
            }
            catch (McpException) when (LearnedRevision(gateway) is not null)
            {
                // The upstream no longer speaks the revision it agreed to last time: ask it again, as for a new peer.
                try
                {
                    return await ConnectToAsync(gateway, endpoint, transport, caller, learnedRevision: null, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    failures.Add(Failure(endpoint, transport, ex));
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failures.Add(Failure(endpoint, transport, ex));
            }
        }

        throw new UpstreamUnavailableException($"Gateway '{gateway.Name}' could not be reached as an MCP server ({string.Join("; ", failures)}).");
    }

    private async Task<UpstreamConnection> ConnectToAsync(
        PeerGatewayRecord gateway, Uri endpoint, string transport, UpstreamCaller? caller, string? learnedRevision, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.TimeoutSeconds));
        var forwarding = new ForwardingClientTransport(
            transport == PeerGatewayService.StdioTransport ? StdioTransport(gateway) : Transport(gateway, endpoint, transport))
        {
            Logs = caller?.Logs,
        };
        var client = await McpClient.CreateAsync(forwarding, ClientOptions(gateway.ProtocolVersion ?? learnedRevision, caller), loggers, timeout.Token).ConfigureAwait(false);
        await AskForLogsAsync(client, caller?.LogLevel, timeout.Token).ConfigureAwait(false);
        return new UpstreamConnection(client, endpoint, transport, forwarding);
    }

    private static string Failure(Uri endpoint, string transport, Exception ex) =>
        $"{transport} {endpoint}: {(ex is OperationCanceledException ? "timed out" : ex.Message)}";

    /// <summary>
    /// The revision an unpinned upstream agreed to before, when it is older than 2026-07-28: asking such an upstream
    /// for <c>server/discover</c> on every connection only earns a refusal (and a warning in the log).
    /// </summary>
    private static string? LearnedRevision(PeerGatewayRecord gateway) =>
        gateway.ProtocolVersion is null && gateway.UpstreamRevision is { } learned && !ProtocolRevisions.IsStateless(learned) ? learned : null;

    /// <summary>An upstream of a session revision sends log messages at the level its client set (2026-07-28 callers set it per request).</summary>
    internal static async Task AskForLogsAsync(McpClient client, LoggingLevel? level, CancellationToken cancellationToken)
    {
        if (level is { } wanted && !ProtocolRevisions.IsStateless(client.NegotiatedProtocolVersion) && client.ServerCapabilities.Logging is not null)
        {
            await client.SetLoggingLevelAsync(wanted, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A session caller's session speaks 2025-11-25 at the newest (or the older revision the gateway is pinned to or learned),
    /// where the upstream asks its client with requests of its own, which go to the caller, and logs at the level the
    /// client set. Any other session speaks the newest revision both sides support, unless pinned or learned.
    /// </summary>
    /// <param name="spoken">The revision the gateway is pinned to or learned, or null for the newest both sides support.</param>
    private static McpClientOptions ClientOptions(string? spoken, UpstreamCaller? caller)
    {
        var revision = caller is not null && !ProtocolRevisions.IsStateless(caller.Revision)
            && ProtocolRevisions.IsStateless(spoken ?? ProtocolRevisions.July2026)
            ? ProtocolRevisions.November2025
            : spoken;
        if (caller?.Capabilities is not { } capabilities)
        {
            return new() { ClientInfo = ClientInfo, ProtocolVersion = revision };
        }

        return new()
        {
            ClientInfo = ClientInfo,
            ProtocolVersion = revision,
            Capabilities = new ClientCapabilities { Sampling = capabilities.Sampling, Elicitation = capabilities.Elicitation, Roots = capabilities.Roots },
            // The SDK client declares a capability for each handler it has, so only the caller's get one.
            Handlers = new McpClientHandlers
            {
                SamplingHandler = capabilities.Sampling is null ? null : async (request, _, cancellationToken) =>
                    await AnswerAsync(caller, InputRequest.ForSampling(request!), InputResponse.CreateMessageResultJsonTypeInfo, cancellationToken).ConfigureAwait(false),
                ElicitationHandler = capabilities.Elicitation is null ? null : async (request, cancellationToken) =>
                    await AnswerAsync(caller, InputRequest.ForElicitation(request!), InputResponse.ElicitResultJsonTypeInfo, cancellationToken).ConfigureAwait(false),
                RootsHandler = capabilities.Roots is null ? null : async (request, cancellationToken) =>
                    await AnswerAsync(caller, InputRequest.ForRootsList(request!), InputResponse.ListRootsResultJsonTypeInfo, cancellationToken).ConfigureAwait(false),
            },
        };
    }

    private static async Task<T> AnswerAsync<T>(UpstreamCaller caller, InputRequest request, JsonTypeInfo<T> answerType, CancellationToken cancellationToken)
    {
        var ask = caller.AskAsync ?? throw new McpProtocolException($"The gateway's caller cannot answer {request.Method}.", McpErrorCode.MethodNotFound);
        var answer = await ask(request, cancellationToken).ConfigureAwait(false);
        return answer.Deserialize(answerType) ?? throw new McpProtocolException($"The caller's answer to {request.Method} is not one.", McpErrorCode.InvalidParams);
    }

    /// <summary>The endpoints and transports to try, in order: the known ones first, then the probes.</summary>
    private static IEnumerable<(Uri Endpoint, string Transport)> Candidates(PeerGatewayRecord gateway)
    {
        if (gateway.Endpoint is { } known && gateway.Transport is { } knownTransport)
        {
            yield return (new Uri(known), knownTransport);
        }

        var url = UrlUserInfo.Without(new Uri(gateway.Url));
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

    /// <summary>
    /// Runs the gateway's program as a child process speaking MCP on stdin/stdout (container host only), its stderr
    /// going to the log line by line. The program is checked against STDIO_ALLOWED_COMMANDS again, since the setting
    /// may have changed since it was registered, and runs from the path that was checked.
    /// </summary>
    private IClientTransport StdioTransport(PeerGatewayRecord gateway)
    {
        var stderr = loggers.CreateLogger("McpGateway.Upstreams.Stdio." + gateway.Slug);
        var stdio = gateway.Stdio ?? throw new UpstreamUnavailableException($"Gateway '{gateway.Name}' uses STDIO but names no command.");
        return new StdioClientTransport(
            new StdioClientTransportOptions
            {
                Name = gateway.Slug,
                Command = stdioCommands.Resolve(stdio.Command) ?? throw new UpstreamUnavailableException(stdioCommands.Refusal(stdio.Command)),
                Arguments = [.. stdio.Args],
                InheritEnvironmentVariables = false,
                EnvironmentVariables = ChildProcessEnvironment.For(gateways.StdioEnvironment(stdio)),
                StandardErrorLines = line => stderr.LogInformation("stderr of {Gateway}: {Line}", gateway.Name, line),
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
            AdditionalHeaders = new Dictionary<string, string>(gateway.Auth is null ? auth.UrlHeaders(gateway.Url, gateway.UrlPassword) : auth.Headers(gateway.Auth)),
        },
        httpClients.CreateClient(HttpClientName),
        loggers,
        ownsHttpClient: false);
}
