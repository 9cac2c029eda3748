using McpGateway.Shared.Upstreams.Outbound;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace McpGateway.Shared.Upstreams.Rest;

public static class RestToolServiceCollectionExtensions
{
    /// <summary>Registers <see cref="RestToolInvoker"/>, its per-tool pipelines and its named <see cref="HttpClient"/>, which connects through the outbound policy.</summary>
    public static IServiceCollection AddRestToolInvoker(this IServiceCollection services)
    {
        // TOOL_TIMEOUT, applied by the pipeline, bounds each call; the client's own 100 s default must not cut in first.
        // The invoker reports each call's failure itself and the metrics count every call: the factory's per-request
        // logging handlers would only add two layers to the hottest path.
        services.AddHttpClient(RestToolInvoker.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .UseOutboundPolicy()
            .RemoveAllLoggers();
        services.TryAddSingleton<RestPipelineProvider>();
        services.TryAddSingleton<RestToolInvoker>();
        return services;
    }
}
