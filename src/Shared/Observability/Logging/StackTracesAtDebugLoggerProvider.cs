using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace McpGateway.Shared.Observability.Logging;

/// <summary>
/// Wraps a logger provider so that an entry's exception is one line (its type and message, inner ones after) when
/// the log's minimum level is above Debug: an operator reading a failure to start or connect sees what went wrong, not 30 lines of
/// frames, and LOG_LEVEL=DEBUG brings the stack traces back. The gateway and the mcpgateway-wrapper (which links this
/// file) log through it.
/// </summary>
/// <remarks>The level is passed in: a provider's own loggers answer IsEnabled without the factory's filters.</remarks>
public sealed class StackTracesAtDebugLoggerProvider(ILoggerProvider inner, LogLevel minimumLevel) : ILoggerProvider, ISupportExternalScope
{
    public ILogger CreateLogger(string categoryName) =>
        minimumLevel <= LogLevel.Debug ? inner.CreateLogger(categoryName) : new SummarizingLogger(inner.CreateLogger(categoryName));

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => (inner as ISupportExternalScope)?.SetScopeProvider(scopeProvider);

    public void Dispose() => inner.Dispose();

    /// <summary>An exception as one line: each message of its chain, with its type.</summary>
    public static string Summary(Exception exception)
    {
        var parts = new List<string>();
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            parts.Add($"{current.GetType().Name}: {current.Message}");
        }

        return string.Join(" ---> ", parts);
    }

    private sealed class SummarizingLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is null)
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
                return;
            }

            var message = $"{formatter(state, exception)} ({Summary(exception)})";
            inner.Log(logLevel, eventId, state, null, (_, _) => message);
        }
    }
}

public static class LoggerProviderWrappingExtensions
{
    /// <summary>Puts every logger provider registered so far behind the wrapper <paramref name="wrap"/> makes.</summary>
    public static ILoggingBuilder WrapProviders(this ILoggingBuilder logging, Func<ILoggerProvider, ILoggerProvider> wrap)
    {
        foreach (var registration in logging.Services.Where(d => d.ServiceType == typeof(ILoggerProvider)).ToList())
        {
            logging.Services.Remove(registration);
            logging.Services.AddSingleton(services => wrap(Create(services, registration)));
        }

        return logging;
    }

    /// <summary>Stack traces in the log only when <paramref name="minimumLevel"/> shows Debug (see <see cref="StackTracesAtDebugLoggerProvider"/>).</summary>
    public static ILoggingBuilder StackTracesAtDebug(this ILoggingBuilder logging, LogLevel minimumLevel) =>
        logging.WrapProviders(inner => new StackTracesAtDebugLoggerProvider(inner, minimumLevel));

    private static ILoggerProvider Create(IServiceProvider services, ServiceDescriptor registration) => (ILoggerProvider)(
        registration.ImplementationInstance
        ?? registration.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, registration.ImplementationType!));
}
