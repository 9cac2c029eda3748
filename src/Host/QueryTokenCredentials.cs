namespace McpGateway.Host;

/// <summary>
/// Browsers cannot set an Authorization header on a WebSocket (nor SignalR's clients on their WebSocket and SSE
/// connections): they send the bearer token as <c>?access_token=</c>, which is taken as that header when none came.
/// </summary>
public static class QueryTokenCredentials
{
    public static void Promote(HttpContext context)
    {
        if (string.IsNullOrEmpty(context.Request.Headers.Authorization) && context.Request.Query["access_token"].ToString() is { Length: > 0 } token)
        {
            context.Request.Headers.Authorization = "Bearer " + token;
        }
    }

    /// <summary>Promotes the query token of every WebSocket request (<c>/ws</c>, <c>/servers/{id}/ws</c>).</summary>
    public static IApplicationBuilder UseQueryTokenForWebSockets(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.WebSockets.IsWebSocketRequest)
            {
                Promote(context);
            }

            return next(context);
        });
}
