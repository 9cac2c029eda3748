using System.Diagnostics;
using System.Reflection;
using McpGateway.Shared.Configuration;
using McpGateway.Shared.Http;
using McpGateway.Shared.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace McpGateway.Shared.Observability;

/// <summary><c>/health</c> (no credentials; checks storage), <c>/version</c>, <c>/metrics</c> and <c>/metrics/reset</c>.</summary>
public static class SystemRoutes
{
    public static string Version { get; } =
        typeof(SystemRoutes).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static IEnumerable<GatewayRoute> All()
    {
        yield return new GatewayRoute("health", "health", new Dictionary<string, RouteHandler> { ["GET"] = HealthAsync }, anonymous: true);

        yield return new GatewayRoute("version", "version", new Dictionary<string, RouteHandler>
        {
            ["GET"] = request => Task.FromResult(Results.Json(
                new
                {
                    app = request.Service<IOptions<ApiOptions>>().Value.AppName,
                    version = Version,
                    mcpProtocolVersions = new[] { "2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25", "2026-07-28" },
                    runtime = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
                    host = request.Service<GatewayHostInfo>().Name,
                },
                GatewayJson.Options)),
        });

        yield return new GatewayRoute("metrics", "metrics", new Dictionary<string, RouteHandler> { ["GET"] = MetricsAsync });

        yield return new GatewayRoute("metrics-reset", "metrics/reset", new Dictionary<string, RouteHandler> { ["POST"] = ResetAsync });

        yield return new GatewayRoute("metrics-history", "metrics/history", new Dictionary<string, RouteHandler> { ["GET"] = HistoryAsync });
    }

    private static async Task<IResult> HealthAsync(GatewayRequest request)
    {
        var storage = request.Service<CatalogStorage>();
        var watch = Stopwatch.StartNew();
        try
        {
            await storage.RoundTripAsync(request.Aborted).ConfigureAwait(false);
            return Results.Json(new { status = "healthy", storage = new { status = "healthy", latencyMs = watch.Elapsed.TotalMilliseconds } }, GatewayJson.Options);
        }
        catch (Exception ex) when (ex is StorageUnavailableException or Azure.RequestFailedException)
        {
            request.Http.Response.Headers.RetryAfter = "5";
            return Results.Json(
                new { status = "unhealthy", storage = new { status = "unreachable", latencyMs = watch.Elapsed.TotalMilliseconds } },
                GatewayJson.Options,
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static async Task<IResult> MetricsAsync(GatewayRequest request)
    {
        var metrics = request.Service<MetricsStore>();
        var body = new Dictionary<string, MetricsSummary>();
        foreach (var (key, kind) in MetricsStore.ReportedKinds)
        {
            body[key] = await metrics.KindSummaryAsync(kind, request.Aborted).ConfigureAwait(false);
        }

        return Results.Json(body, GatewayJson.Options);
    }

    /// <summary><c>?entity=tool</c> (required; <c>gateway</c> gives a peer's health checks), <c>&amp;id=</c> for one item, <c>&amp;minutes=60</c> of history in <c>&amp;buckets=30</c>.</summary>
    private static async Task<IResult> HistoryAsync(GatewayRequest request)
    {
        var entity = request.Query("entity");
        if (entity is null || !MetricsStore.HistoryKinds.Contains(entity))
        {
            throw ApiProblem.Invalid("entity", $"'entity' must be one of {string.Join(", ", MetricsStore.HistoryKinds)}.");
        }

        var minutes = request.QueryInt("minutes", 1, 7 * 24 * 60) ?? 60;
        var buckets = request.QueryInt("buckets", 1, 500) ?? 30;
        var history = await request.Service<MetricsStore>()
            .HistoryAsync(entity, request.Query("id"), TimeSpan.FromMinutes(minutes), buckets, request.Aborted).ConfigureAwait(false);
        return Results.Json(history, GatewayJson.Options);
    }

    private static async Task<IResult> ResetAsync(GatewayRequest request)
    {
        var entity = request.Query("entity");
        var id = request.Query("id");
        if (entity is not null && !MetricsStore.ReportedKinds.Values.Contains(entity))
        {
            throw ApiProblem.Invalid("entity", $"'entity' must be one of {string.Join(", ", MetricsStore.ReportedKinds.Values)}.");
        }

        if (id is not null && entity is null)
        {
            throw ApiProblem.Invalid("entity", "'entity' is required when 'id' is given.");
        }

        await request.Service<MetricsStore>().ResetAsync(entity, id, request.Aborted).ConfigureAwait(false);
        return Results.Json(new { status = "success", message = entity is null ? "All metrics reset" : $"Metrics reset for {entity}{(id is null ? "s" : $" '{id}'")}" }, GatewayJson.Options);
    }
}
