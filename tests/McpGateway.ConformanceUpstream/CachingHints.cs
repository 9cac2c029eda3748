using ModelContextProtocol.Protocol;

namespace McpGateway.ConformanceUpstream;

/// <summary>
/// The caching hints of SEP-2549 on every cacheable result. Everything is the same for every caller (public); the
/// tool and prompt lists change at run time (the trigger tools), the resources never do.
/// </summary>
internal static class CachingHints
{
    private static readonly TimeSpan ResourceLifetime = TimeSpan.FromMinutes(1);

    public static void Add(IMcpRequestFilterBuilder filters)
    {
        filters.AddListToolsFilter(next => async (context, cancellationToken) => Stamp(await next(context, cancellationToken), TimeSpan.Zero));
        filters.AddListPromptsFilter(next => async (context, cancellationToken) => Stamp(await next(context, cancellationToken), TimeSpan.Zero));
        filters.AddListResourcesFilter(next => async (context, cancellationToken) => Stamp(await next(context, cancellationToken), ResourceLifetime));
        filters.AddListResourceTemplatesFilter(next => async (context, cancellationToken) => Stamp(await next(context, cancellationToken), ResourceLifetime));
        filters.AddReadResourceFilter(next => async (context, cancellationToken) => Stamp(await next(context, cancellationToken), ResourceLifetime));
    }

    private static T Stamp<T>(T result, TimeSpan timeToLive)
        where T : ICacheableResult
    {
        result.TimeToLive = timeToLive;
        result.CacheScope = CacheScope.Public;
        return result;
    }
}
