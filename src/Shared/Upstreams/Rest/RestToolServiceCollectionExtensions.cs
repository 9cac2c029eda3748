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
        services.AddHttpClient(RestToolInvoker.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan).UseOutboundPolicy();
        services.TryAddSingleton<RestPipelineProvider>();
        services.TryAddSingleton<RestToolInvoker>();
        return services;
    }
}
