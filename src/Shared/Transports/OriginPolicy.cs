using System.Net;
using McpGateway.Shared.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace McpGateway.Shared.Transports;

/// <summary>
/// DNS-rebinding protection for the MCP endpoints: a browser request (one with an Origin header) must come
/// from an origin in ALLOWED_ORIGINS or from the gateway's own origin.
/// </summary>
public sealed class OriginPolicy(IOptions<SecurityOptions> options)
{
    private readonly IReadOnlyList<string> allowed = options.Value.ParseAllowedOrigins().Select(o => o.TrimEnd('/')).ToList();

    public bool Allows(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return true;
        }

        var own = $"{request.Scheme}://{request.Host}";
        return allowed.Contains("*")
            || allowed.Contains(origin.TrimEnd('/'), StringComparer.OrdinalIgnoreCase)
            || (string.Equals(origin, own, StringComparison.OrdinalIgnoreCase) && !IsRebound(request));
    }

    /// <summary>The 403 for a request from an origin that is not allowed, or null when it may proceed.</summary>
    public IResult? Refusal(HttpRequest request) => Allows(request)
        ? null
        : JsonRpcErrors.Result(StatusCodes.Status403Forbidden, JsonRpcErrors.ServerError, $"Forbidden: origin '{request.Headers.Origin}' is not in ALLOWED_ORIGINS.");

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
