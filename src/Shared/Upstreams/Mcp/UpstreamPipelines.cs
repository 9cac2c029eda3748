using McpGateway.Shared.Configuration;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Retry;

namespace McpGateway.Shared.Upstreams.Mcp;

/// <summary>
/// The Polly pipeline of each upstream: FEDERATION_TIMEOUT per call, a circuit breaker that stops hammering an
/// upstream that keeps failing, and retries with jittered backoff only for requests that are safe to repeat
/// (reads, lists, prompts, completion; never tools/call).
/// </summary>
public sealed class UpstreamPipelines(IOptions<FederationOptions> options, TimeProvider time) : IDisposable
{
    private readonly ResiliencePipelineRegistry<string> registry = new();

    public ResiliencePipeline For(string gatewayId, bool idempotent) =>
        registry.GetOrAddPipeline($"{gatewayId}|{(idempotent ? "idempotent" : "once")}", builder =>
        {
            builder.TimeProvider = time;
            builder.AddTimeout(TimeSpan.FromSeconds(options.Value.TimeoutSeconds));
            if (idempotent)
            {
                builder.AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>().Handle<IOException>(),
                    MaxRetryAttempts = 2,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromMilliseconds(200),
                });
            }

            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>().Handle<IOException>(),
                FailureRatio = 0.5,
                MinimumThroughput = 10,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = TimeSpan.FromSeconds(30),
            });
        });

    public void Dispose() => registry.Dispose();
}
