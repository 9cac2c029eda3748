using McpGateway.Shared.Observability.Logging;

namespace McpGateway.Host.Logging;

/// <summary>
/// Wraps a logger provider so that no entry it writes shows a secret <see cref="LogRedaction"/> knows, whichever
/// component logs it and at whichever level: ASP.NET Core's hosting logs every request's URL, query string included,
/// before any middleware could change it.
/// </summary>
public sealed class RedactingLoggerProvider(ILoggerProvider inner) : ILoggerProvider, ISupportExternalScope
{
    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName));

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => (inner as ISupportExternalScope)?.SetScopeProvider(scopeProvider);

    public void Dispose() => inner.Dispose();

    private sealed class RedactingLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            var redacted = LogRedaction.Redact(message);
            if (redacted == message)
            {
                // The message is made once: the inner logger gets it rather than formatting it again.
                inner.Log(logLevel, eventId, state, exception, (_, _) => message);
                return;
            }

            // The structured values carry the secret too (the query string of a request, say): they are logged redacted.
            IReadOnlyList<KeyValuePair<string, object?>> values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? [.. pairs.Select(pair => pair.Value?.ToString() is { } text && LogRedaction.Redact(text) is var clean && clean != text
                    ? KeyValuePair.Create(pair.Key, (object?)clean)
                    : pair)]
                : [];
            inner.Log(logLevel, eventId, values, exception, (_, _) => redacted);
        }
    }
}

/// <summary>Puts every logger provider registered so far behind <see cref="RedactingLoggerProvider"/>.</summary>
public static class RedactingLoggingBuilderExtensions
{
    public static ILoggingBuilder RedactSecrets(this ILoggingBuilder logging) => logging.WrapProviders(inner => new RedactingLoggerProvider(inner));
}
