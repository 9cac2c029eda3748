using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using ModelContextProtocol;

namespace McpGateway.ConformanceUpstream;

/// <summary>Where a multi round-trip tool has got to, carried by the client between rounds.</summary>
/// <param name="Round">The round whose answers the next request brings.</param>
/// <param name="Name">The name given in an earlier round, if any.</param>
internal sealed record RequestState(int Round, string? Name = null)
{
    private const string Purpose = "McpGateway.ConformanceUpstream.RequestState";

    /// <summary>The opaque requestState of <paramref name="tool"/>, encrypted and authenticated: only that tool can read it back.</summary>
    public string Seal(IDataProtectionProvider protection, string tool) =>
        protection.CreateProtector(Purpose, tool).Protect(JsonSerializer.Serialize(this));

    /// <summary>The state a client echoed, or null when it sent none; a state that fails its check is refused.</summary>
    public static RequestState? Open(IDataProtectionProvider protection, string tool, string? requestState)
    {
        if (requestState is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<RequestState>(protection.CreateProtector(Purpose, tool).Unprotect(requestState));
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            throw new McpProtocolException("requestState failed its integrity check.", McpErrorCode.InvalidParams);
        }
    }
}
