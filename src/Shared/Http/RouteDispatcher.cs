using System.Security.Claims;
using McpGateway.Shared.Auth;
using McpGateway.Shared.Configuration;
using McpGateway.Shared.Storage;
using McpGateway.Shared.Transports;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpGateway.Shared.Http;

/// <summary>
/// Runs a request through a <see cref="GatewayRoute"/>: the browser origin check (on every route, so none can forget
/// it), authentication, method selection (405 with Allow), the handler, and the translation of failures into problem
/// responses. Both hosts call it, so every route behaves the same on Kestrel and on Azure Functions.
/// </summary>
public sealed class RouteDispatcher(
    OriginPolicy origins,
    GatewayAuthenticator authenticator,
    IOptions<StorageOptions> storageOptions,
    ILogger<RouteDispatcher> logger)
{
    public async Task<IResult> DispatchAsync(GatewayRoute route, HttpContext context, IReadOnlyDictionary<string, string?> routeValues)
    {
        try
        {
            if (origins.Refusal(context) is { } forbidden)
            {
                return forbidden;
            }

            if (!route.Anonymous)
            {
                if (await authenticator.AuthenticateAsync(context.Request).ConfigureAwait(false) is not { } caller)
                {
                    if (!AdminSession.IsUiRequest(context.Request))
                    {
                        context.Response.Headers.WWWAuthenticate = authenticator.Challenge;
                    }

                    return ProblemResponses.Create(StatusCodes.Status401Unauthorized, "Unauthorized", "Valid Basic or Bearer credentials are required.", context);
                }

                context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, caller), new Claim("sub", caller)], "gateway"));
            }

            if (!route.Handlers.TryGetValue(context.Request.Method, out var handler))
            {
                context.Response.Headers.Allow = route.Allow;
                return ProblemResponses.Create(
                    StatusCodes.Status405MethodNotAllowed, "Method Not Allowed", $"{context.Request.Method} is not allowed here; use {route.Allow}.", context);
            }

            return await handler(new GatewayRequest(context, routeValues)).ConfigureAwait(false);
        }
        catch (ApiProblem problem)
        {
            return ProblemResponses.From(problem, context);
        }
        catch (CatalogStorageException refusal)
        {
            return ProblemResponses.From(ApiProblem.For(refusal), context);
        }
        catch (StorageUnavailableException ex)
        {
            logger.LogWarning(ex, "Catalog storage unavailable while serving {Method} {Route}", context.Request.Method, route.Template);
            return ProblemResponses.From(ApiProblem.StorageUnavailable(storageOptions.Value.RetryAfterSeconds), context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return Results.Empty;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Unhandled error serving {Method} {Route}", context.Request.Method, route.Template);
            return ProblemResponses.Create(
                StatusCodes.Status500InternalServerError, "Internal Server Error", "The gateway failed to handle the request; the error has been logged.", context);
        }
    }
}
