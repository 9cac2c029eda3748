using McpGateway.Shared.Auth;
using McpGateway.Shared.Configuration;
using McpGateway.Shared.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace McpGateway.Shared.Admin;

/// <summary>
/// The Admin UI (<c>/admin/</c>, while MCPGATEWAY_UI_ENABLED) and its cookie sign-in (<c>/auth/session</c>). The UI is
/// static: its pages call the REST API with the session cookie. Azure Functions keeps every route that starts with
/// <c>admin</c> for its own host API, so the Functions app serves the same files at <c>/ui/</c>.
/// </summary>
public static class AdminUiRoutes
{
    /// <summary>
    /// Scripts and styles only from the gateway itself: no inline script, no eval (Alpine's CSP build), no inline style
    /// elements (HTMX's indicator styles are turned off in the page); images may be data: URIs (resource previews).
    /// </summary>
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IEnumerable<GatewayRoute> All()
    {
        yield return new GatewayRoute(
            "ui",
            "admin/{*path}",
            new Dictionary<string, RouteHandler> { ["GET"] = ServeAsync, ["HEAD"] = ServeAsync },
            anonymous: true,
            functionsTemplate: "ui/{*path}");

        yield return new GatewayRoute(
            "auth-session",
            "auth/session",
            new Dictionary<string, RouteHandler> { ["GET"] = SessionAsync, ["POST"] = SignInAsync, ["DELETE"] = SignOutAsync },
            anonymous: true);
    }

    private static Task<IResult> ServeAsync(GatewayRequest request)
    {
        RequireUi(request);
        var http = request.Http;
        var path = request.OptionalRouteValue("path") ?? string.Empty;
        if (path.Length == 0 && !http.Request.Path.Value!.EndsWith('/'))
        {
            // The pages link their assets relatively, which needs the trailing slash.
            return Task.FromResult(Results.Redirect($"{http.Request.PathBase}{http.Request.Path}/"));
        }

        var asset = request.Service<AdminUiAssets>().Find(path.Length == 0 ? "index.html" : path)
            ?? throw ApiProblem.NotFound($"The Admin UI has no file '{path}'.");
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-cache";
        headers.ETag = asset.ETag;
        return Task.FromResult(http.Request.Headers.IfNoneMatch == asset.ETag
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Bytes(asset.Content, asset.ContentType));
    }

    /// <summary>Who is signed in: 200 either way (the UI asks on every load; a 401 would be noise in the browser console).</summary>
    private static async Task<IResult> SessionAsync(GatewayRequest request)
    {
        RequireUi(request);
        if (!request.Service<IOptions<AuthOptions>>().Value.AuthRequired)
        {
            return Results.Json(new SessionRead(true, "anonymous", false, null), GatewayJson.Options);
        }

        var session = await request.Service<AdminSession>().ReadAsync(request.Http.Request).ConfigureAwait(false);
        return Results.Json(
            session is var (user, csrf) ? new SessionRead(true, user, true, csrf) : new SessionRead(false, null, true, null), GatewayJson.Options);
    }

    /// <summary>Signs in with the gateway's own credentials (Basic or a bearer JWT in the Authorization header).</summary>
    private static async Task<IResult> SignInAsync(GatewayRequest request)
    {
        RequireUi(request);
        var authRequired = request.Service<IOptions<AuthOptions>>().Value.AuthRequired;
        var user = authRequired ? await request.Service<GatewayAuthenticator>().CredentialsAsync(request.Http.Request).ConfigureAwait(false) : "anonymous";
        if (user is null)
        {
            return Unauthorized(request, "The user name and password, or the token, were not accepted.");
        }

        var csrf = request.Service<AdminSession>().Start(request.Http.Response, user);
        return Results.Json(new SessionRead(true, user, authRequired, csrf), GatewayJson.Options);
    }

    private sealed record SessionRead(bool SignedIn, string? User, bool AuthRequired, string? CsrfToken);

    /// <summary>Signs out: the session's cookie is refused from then on, on every instance.</summary>
    private static async Task<IResult> SignOutAsync(GatewayRequest request)
    {
        RequireUi(request);
        await request.Service<AdminSession>().EndAsync(request.Http).ConfigureAwait(false);
        return Results.NoContent();
    }

    // No WWW-Authenticate challenge here: it would make the browser open its own sign-in dialog over the UI's form.
    private static IResult Unauthorized(GatewayRequest request, string detail) =>
        ProblemResponses.Create(StatusCodes.Status401Unauthorized, "Unauthorized", detail, request.Http);

    private static void RequireUi(GatewayRequest request)
    {
        if (!request.Service<IOptions<AdminOptions>>().Value.UiEnabled)
        {
            throw ApiProblem.NotFound("The Admin UI is turned off (MCPGATEWAY_UI_ENABLED=false).");
        }
    }
}
