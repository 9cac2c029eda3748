using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using McpGateway.Shared.Configuration;
using McpGateway.Shared.Upstreams.Outbound;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Registry;
using Polly.Retry;
using Polly.Timeout;

namespace McpGateway.Shared.Upstreams.Rest;

/// <summary>
/// One resilience pipeline per REST tool, built on first use and kept by tool id, so each tool has its own limits
/// and circuit. From the outside in: rate limit (TOOL_RATE_LIMIT per minute), concurrency limit
/// (TOOL_CONCURRENT_LIMIT), total timeout (TOOL_TIMEOUT), retry of transient failures (MAX_TOOL_RETRIES, exponential
/// backoff with jitter, or the upstream's Retry-After), circuit breaker. The limits hold per gateway instance.
/// </summary>
public sealed class RestPipelineProvider : IDisposable
{
    private const string RateLimitName = "rate-limit";
    private const string ConcurrencyLimitName = "concurrency-limit";

    private readonly ResiliencePipelineRegistry<string> registry = new();
    private readonly RestPipelineSettings settings;
    private readonly TimeProvider time;

    public RestPipelineProvider(IOptions<ToolOptions> options, TimeProvider time)
        : this(RestPipelineSettings.From(options.Value), time)
    {
    }

    internal RestPipelineProvider(RestPipelineSettings settings, TimeProvider time)
    {
        this.settings = settings;
        this.time = time;
    }

    internal ResiliencePipeline<RestResponse> For(string toolId) =>
        registry.GetOrAddPipeline<RestResponse>(toolId, (builder, context) =>
        {
            builder.TimeProvider = time;
            var rateLimiter = new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
            {
                PermitLimit = settings.RateLimitPerMinute,
                Window = TimeSpan.FromMinutes(1),
                SegmentsPerWindow = 6,
                QueueLimit = 0,
            });
            context.OnPipelineDisposed(rateLimiter.Dispose);
            builder.AddRateLimiter(new RateLimiterStrategyOptions
            {
                Name = RateLimitName,
                RateLimiter = args => rateLimiter.AcquireAsync(1, args.Context.CancellationToken),
            });
            builder.AddRateLimiter(new RateLimiterStrategyOptions
            {
                Name = ConcurrencyLimitName,
                DefaultRateLimiterOptions = new ConcurrencyLimiterOptions { PermitLimit = settings.ConcurrentLimit, QueueLimit = 0 },
            });
            builder.AddTimeout(settings.Timeout);
            if (settings.MaxRetries > 0)
            {
                builder.AddRetry(new RetryStrategyOptions<RestResponse>
                {
                    MaxRetryAttempts = settings.MaxRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = settings.RetryBaseDelay,

                    // A Retry-After beyond the whole call's budget cannot be honoured: the upstream's answer stands.
                    ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome) && !(args.Outcome.Result?.RetryAfter > settings.Timeout)),
                    DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter),
                });
            }

            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<RestResponse>
            {
                FailureRatio = settings.FailureRatio,
                MinimumThroughput = settings.MinimumThroughput,
                SamplingDuration = settings.SamplingDuration,
                BreakDuration = settings.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
            });
        });

    /// <summary>Why the pipeline refused or abandoned a call, in words that name the setting involved.</summary>
    internal string Describe(ExecutionRejectedException rejection) => rejection switch
    {
        TimeoutRejectedException timeout => $"timed out after {Seconds(timeout.Timeout)} s (TOOL_TIMEOUT)",
        BrokenCircuitException broken => "circuit open: the upstream failed repeatedly, so calls are refused"
            + (broken.RetryAfter is { } wait ? $" for another {Seconds(wait)} s" : " for now"),
        RateLimiterRejectedException when rejection.TelemetrySource?.StrategyName == ConcurrencyLimitName =>
            $"concurrency limit of {settings.ConcurrentLimit} calls at a time exceeded (TOOL_CONCURRENT_LIMIT)",
        RateLimiterRejectedException => $"rate limit of {settings.RateLimitPerMinute} calls per minute exceeded (TOOL_RATE_LIMIT)",
        _ => rejection.Message,
    };

    public void Dispose() => registry.Dispose();

    /// <summary>Failures worth another attempt: server errors, 408, 429 and connection errors other than the outbound policy's refusals.</summary>
    private static bool IsTransient(Outcome<RestResponse> outcome) => outcome switch
    {
        { Exception: (HttpRequestException or IOException) and var error } => OutboundRefusedException.FindIn(error) is null,
        { Result: { } response } => (int)response.Status >= 500 || response.Status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests,
        _ => false,
    };

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
