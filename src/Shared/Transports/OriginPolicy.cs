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
            || string.Equals(origin, own, StringComparison.OrdinalIgnoreCase);
    }
}
