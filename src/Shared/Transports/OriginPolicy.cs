using System.Net;
using McpGateway.Shared.Configuration;
using McpGateway.Shared.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace McpGateway.Shared.Transports;

/// <summary>
/// Cross-site request and DNS-rebinding protection for every route a browser can reach: a browser request (one with an
/// Origin header) must come from an origin in ALLOWED_ORIGINS or from the gateway's own origin. Requests without an
/// Origin (non-browser clients) pass.
/// </summary>
public sealed class OriginPolicy(IOptions<SecurityOptions> options)
{
    private readonly IReadOnlyList<string> allowed = options.Value.ParseAllowedOrigins().Select(o => o.TrimEnd('/')).ToList();

    /// <summary>The 403 problem for a request from an origin that is not allowed, or null when it may proceed.</summary>
    public IResult? Refusal(HttpContext context) => Allows(context.Request)
        ? null
        : ProblemResponses.Create(
            StatusCodes.Status403Forbidden, "Forbidden", $"Requests from the origin '{context.Request.Headers.Origin}' are not allowed: it is not in ALLOWED_ORIGINS.", context);

    private bool Allows(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return true;
        }

        return allowed.Contains("*")
            || allowed.Contains(origin.TrimEnd('/'), StringComparer.OrdinalIgnoreCase)
            || (IsOwn(origin, request) && !IsRebound(request));
    }

    /// <summary>
    /// An origin naming the host the request was sent to. The scheme is not compared: where TLS ends in front of the
    /// gateway (Container Apps, Functions) the page is https while the request reaches the gateway as http.
    /// </summary>
    private static bool IsOwn(string origin, HttpRequest request) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A request that reached a loopback address under a name that is not loopback: a page whose host name
    /// was re-pointed at 127.0.0.1 calling a local gateway. Its Origin matches its Host, so "own origin" proves nothing.
    /// </summary>
    private static bool IsRebound(HttpRequest request) =>
        request.HttpContext.Connection.LocalIpAddress is { } local
        && IPAddress.IsLoopback(local)
        && !IsLoopbackName(request.Host.Host);

    private static bool IsLoopbackName(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
