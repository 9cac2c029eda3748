using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using McpGateway.Shared.Http;
using Microsoft.AspNetCore.Http;

namespace McpGateway.Shared.Catalog.Prompts;

/// <summary>
/// The prompt routes. As in ContextForge, <c>GET /prompts/{id}</c> and <c>POST /prompts/{id}</c> (arguments
/// as the body) render the prompt, so its metadata is at <c>GET /prompts/{id}/info</c>; updates keep every
/// revision, listed at <c>/prompts/{id}/versions</c> and restored with <c>.../versions/{version}/rollback</c>.
/// </summary>
public static class PromptRoutes
{
    public static IEnumerable<GatewayRoute> All()
    {
        var plural = CatalogKind.Prompts.Plural;
        var render = new Dictionary<string, RouteHandler> { ["GET"] = RenderAsync, ["POST"] = RenderAsync };
        foreach (var route in CatalogRoutes.Standard<PromptService, PromptRecord, PromptInput>(CatalogKind.Prompts, itemHandlers: render))
        {
            yield return route;
        }

        yield return new GatewayRoute($"{plural}-info", $"{plural}/{{id}}/info", new Dictionary<string, RouteHandler>
        {
            ["GET"] = async request =>
            {
                var service = request.Service<PromptService>();
                var entry = await service.GetAsync(request.RouteValue("id"), request.Aborted).ConfigureAwait(false);
                return await CatalogRoutes.Respond(request, service, entry).ConfigureAwait(false);
            },
        });

        yield return new GatewayRoute($"{plural}-versions", $"{plural}/{{id}}/versions", new Dictionary<string, RouteHandler>
        {
            ["GET"] = async request =>
            {
                var versions = await request.Service<PromptService>().ListVersionsAsync(request.RouteValue("id"), request.Aborted).ConfigureAwait(false);
                return Results.Json(versions, GatewayJson.Options);
            },
        });

        yield return new GatewayRoute($"{plural}-rollback", $"{plural}/{{id}}/versions/{{version}}/rollback", new Dictionary<string, RouteHandler>
        {
            ["POST"] = async request =>
            {
                var service = request.Service<PromptService>();
                var entry = await service.RollbackAsync(request.RouteValue("id"), Version(request), request.Aborted).ConfigureAwait(false);
                return await CatalogRoutes.Respond(request, service, entry).ConfigureAwait(false);
            },
        });
    }

    private static async Task<IResult> RenderAsync(GatewayRequest request)
    {
        var arguments = HttpMethods.IsPost(request.Http.Request.Method) ? await ArgumentsAsync(request).ConfigureAwait(false) : null;
        var result = await request.Service<PromptService>().GetPromptAsync(request.RouteValue("id"), arguments, request.Aborted).ConfigureAwait(false);
        return Results.Json(result, GatewayJson.Options);
    }

    /// <summary>The body of a render: a JSON object of arguments (ContextForge's), or nothing.</summary>
    private static async Task<JsonElement?> ArgumentsAsync(GatewayRequest request) =>
        await request.ReadJsonAsync().ConfigureAwait(false) switch
        {
            null => null,
            JsonObject arguments => JsonSerializer.SerializeToElement(arguments, GatewayJson.Options),
            _ => throw ApiProblem.Invalid("body", "The request body must be a JSON object of prompt arguments, such as {\"user\": \"Alice\"}."),
        };

    private static int Version(GatewayRequest request) =>
        int.TryParse(request.RouteValue("version"), NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0
            ? version
            : throw ApiProblem.Invalid("version", "The version must be a positive whole number, as listed by /prompts/{id}/versions.");
}
