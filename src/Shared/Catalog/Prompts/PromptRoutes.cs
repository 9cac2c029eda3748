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

        yield return new GatewayRoute($"{plural}-preview", $"{plural}/{{id}}/preview", new Dictionary<string, RouteHandler> { ["POST"] = PreviewAsync });
        yield return new GatewayRoute($"{plural}-draft-preview", $"{plural}/preview", new Dictionary<string, RouteHandler> { ["POST"] = PreviewAsync });

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

    /// <summary>
    /// <c>POST /prompts/{id}/preview</c> with <c>{"prompt": {unsaved members such as template}, "arguments": {...}}</c>:
    /// the draft rendered, nothing stored; <c>POST /prompts/preview</c> renders a prompt not created yet.
    /// </summary>
    private static async Task<IResult> PreviewAsync(GatewayRequest request)
    {
        var body = await request.ReadJsonObjectAsync().ConfigureAwait(false);
        var draft = body["prompt"] switch
        {
            null => new PromptInput(),
            JsonObject members => Deserialize<PromptInput>(FieldNames.Normalize((JsonObject)members.DeepClone(), NoNestedObjects), "prompt"),
            _ => throw ApiProblem.Invalid("prompt", "'prompt' must be an object of the prompt's unsaved members, such as {\"template\": \"...\"}."),
        };
        var arguments = body["arguments"] switch
        {
            null => JsonSerializer.SerializeToElement(new JsonObject()),
            JsonObject values => JsonSerializer.SerializeToElement(values, GatewayJson.Options),
            _ => throw ApiProblem.Invalid("arguments", "'arguments' must be an object of argument values."),
        };
        var result = await request.Service<PromptService>().PreviewAsync(request.OptionalRouteValue("id"), draft, arguments, request.Aborted).ConfigureAwait(false);
        return Results.Json(result, GatewayJson.Options);
    }

    private static T Deserialize<T>(JsonObject members, string field)
    {
        try
        {
            return members.Deserialize<T>(GatewayJson.Options)!;
        }
        catch (JsonException ex)
        {
            var path = ex.Path is { Length: > 2 } p ? $"{field}.{p[2..]}" : field;
            throw ApiProblem.Invalid(path, $"The field '{path}' has the wrong type or format.");
        }
    }

    private static readonly IReadOnlySet<string> NoNestedObjects = new HashSet<string>();

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
