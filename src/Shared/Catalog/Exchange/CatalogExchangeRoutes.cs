using System.Text.Json.Nodes;
using McpGateway.Shared.Configuration;
using McpGateway.Shared.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace McpGateway.Shared.Catalog.Exchange;

/// <summary>
/// <c>GET /export</c> (<c>?types=tools,prompts</c> to choose sections) and <c>POST /import</c> with ContextForge's body
/// (<c>import_data</c>, <c>conflict_strategy</c>, <c>dry_run</c>), while MCPGATEWAY_ADMIN_API_ENABLED.
/// </summary>
public static class CatalogExchangeRoutes
{
    public static IEnumerable<GatewayRoute> All()
    {
        yield return new GatewayRoute("export", "export", new Dictionary<string, RouteHandler> { ["GET"] = ExportAsync });
        yield return new GatewayRoute("import", "import", new Dictionary<string, RouteHandler> { ["POST"] = ImportAsync });
    }

    private static async Task<IResult> ExportAsync(GatewayRequest request)
    {
        RequireAdminApi(request);
        var http = request.Http;
        var source = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
        var document = await request.Service<CatalogExchange>()
            .ExportAsync(request.QueryList("types"), http.User.Identity?.Name ?? "anonymous", source, request.Aborted).ConfigureAwait(false);
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"mcpgateway-export-{request.Service<TimeProvider>().GetUtcNow():yyyyMMdd-HHmmss}.json\"";
        return Results.Json(document, GatewayJson.Options);
    }

    private static async Task<IResult> ImportAsync(GatewayRequest request)
    {
        RequireAdminApi(request);
        var body = await request.ReadJsonObjectAsync().ConfigureAwait(false);
        var document = body["import_data"] ?? body["importData"];
        if (document is not JsonObject importData)
        {
            throw ApiProblem.Invalid("import_data", "'import_data' is required: the document GET /export returned.");
        }

        var strategy = ConflictStrategies.Parse((body["conflict_strategy"] ?? body["conflictStrategy"])?.ToString());
        var dryRun = (body["dry_run"] ?? body["dryRun"]) is JsonValue flag && flag.TryGetValue<bool>(out var value)
            ? value
            : (body["dry_run"] ?? body["dryRun"]) is null ? false : throw ApiProblem.Invalid("dry_run", "'dry_run' must be true or false.");
        var report = await request.Service<CatalogExchange>().ImportAsync(importData, strategy, dryRun, request.Aborted).ConfigureAwait(false);
        return Results.Json(report, GatewayJson.Options);
    }

    private static void RequireAdminApi(GatewayRequest request)
    {
        if (!request.Service<IOptions<AdminOptions>>().Value.AdminApiEnabled)
        {
            throw ApiProblem.NotFound("The admin API is turned off (MCPGATEWAY_ADMIN_API_ENABLED=false).");
        }
    }
}
