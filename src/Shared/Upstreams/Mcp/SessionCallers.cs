using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpGateway.Shared.Upstreams.Mcp;

/// <summary>
/// The calls of one downstream session in flight over the upstream session bound to it. What the upstream asks
/// (sampling, elicitation, roots) goes to the latest of them, and its log messages to the latest that asked for
/// them: every one came from the session's one client, which answers over whichever of its requests carries the ask.
/// </summary>
public sealed class SessionCallers : IProgress<LoggingMessageNotificationParams>
{
    private readonly Lock gate = new();
    private readonly List<UpstreamCaller> inFlight = [];

    /// <summary>Makes <paramref name="caller"/> the one the upstream's requests go to until disposed.</summary>
    public IDisposable Enter(UpstreamCaller caller)
    {
        lock (gate)
        {
            inFlight.Add(caller);
        }

        return new Exit(this, caller);
    }

    public async Task<InputResponse> AskAsync(InputRequest request, CancellationToken cancellationToken)
    {
        var ask = Latest(caller => caller.AskAsync is not null)?.AskAsync
            ?? throw new McpProtocolException($"No call of the session is in flight to put {request.Method} to.", McpErrorCode.InternalError);
        return await ask(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A log message of the upstream, for the latest call whose caller asked for log messages (else dropped).</summary>
    public void Report(LoggingMessageNotificationParams value) => Latest(caller => caller.LogLevel is not null && caller.Logs is not null)?.Logs!.Report(value);

    private UpstreamCaller? Latest(Func<UpstreamCaller, bool> fits)
    {
        lock (gate)
        {
            return inFlight.LastOrDefault(fits);
        }
    }

    private sealed class Exit(SessionCallers callers, UpstreamCaller caller) : IDisposable
    {
        public void Dispose()
        {
            lock (callers.gate)
            {
                callers.inFlight.Remove(caller);
            }
        }
    }
}
