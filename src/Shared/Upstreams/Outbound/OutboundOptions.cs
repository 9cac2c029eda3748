using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Net.Sockets;
using McpGateway.Shared.Configuration;
using Microsoft.Extensions.Configuration;

namespace McpGateway.Shared.Upstreams.Outbound;

/// <summary>
/// The SSRF_* settings of the outbound policy (ContextForge's names). The defaults suit a deployment: loopback and
/// private networks are refused; the local quick start allows loopback with SSRF_ALLOW_LOCALHOST=true.
/// </summary>
public sealed class OutboundOptions : IValidatableObject
{
    /// <summary>False turns every check off but the one for cloud metadata endpoints, which are always refused.</summary>
    [ConfigurationKeyName("SSRF_PROTECTION_ENABLED")]
    public bool ProtectionEnabled { get; set; } = true;

    /// <summary>Allows loopback addresses (127.0.0.0/8, ::1) and localhost names.</summary>
    [ConfigurationKeyName("SSRF_ALLOW_LOCALHOST")]
    public bool AllowLocalhost { get; set; }

    /// <summary>Allows private networks: 10/8, 172.16/12, 192.168/16, 100.64/10 (CGNAT), fc00::/7, fec0::/10.</summary>
    [ConfigurationKeyName("SSRF_ALLOW_PRIVATE_NETWORKS")]
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Networks (CIDR, or single addresses) always refused: a JSON array or a comma-separated list.</summary>
    [ConfigurationKeyName("SSRF_BLOCKED_NETWORKS")]
    public string? BlockedNetworks { get; set; }

    /// <summary>Networks allowed even when their class (loopback, private, link-local) is refused; never metadata endpoints.</summary>
    [ConfigurationKeyName("SSRF_ALLOWED_NETWORKS")]
    public string? AllowedNetworks { get; set; }

    /// <summary>Host names always refused, beside the cloud metadata names the policy knows.</summary>
    [ConfigurationKeyName("SSRF_BLOCKED_HOSTS")]
    public string? BlockedHosts { get; set; }

    /// <summary>
    /// For tests: a hosts file (<c>address name...</c> lines) whose names resolve as it says, read at every lookup;
    /// other names go to DNS. The policy checks the addresses it gives like any other.
    /// </summary>
    [ConfigurationKeyName("SSRF_HOSTS_FILE")]
    public string? HostsFile { get; set; }

    public IReadOnlyList<IPNetwork> ParseBlockedNetworks() => Networks(BlockedNetworks);

    public IReadOnlyList<IPNetwork> ParseAllowedNetworks() => Networks(AllowedNetworks);

    public IReadOnlyList<string> ParseBlockedHosts() => [.. SettingList.Parse(BlockedHosts).Select(OutboundPolicy.NormalizeHost)];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var results = SettingList.Validate(BlockedHosts, "SSRF_BLOCKED_HOSTS")
            .Concat(NetworkErrors(BlockedNetworks, "SSRF_BLOCKED_NETWORKS"))
            .Concat(NetworkErrors(AllowedNetworks, "SSRF_ALLOWED_NETWORKS"));
        if (!string.IsNullOrEmpty(HostsFile) && !File.Exists(HostsFile))
        {
            results = results.Append(new ValidationResult($"SSRF_HOSTS_FILE names '{HostsFile}', which is not a file."));
        }

        return results;
    }

    private static IEnumerable<ValidationResult> NetworkErrors(string? value, string settingName)
    {
        var listErrors = SettingList.Validate(value, settingName).ToList();
        if (listErrors.Count > 0)
        {
            return listErrors;
        }

        var bad = SettingList.Parse(value).Where(entry => !TryParseNetwork(entry, out _)).ToList();
        return bad.Count == 0
            ? []
            : [new ValidationResult($"{settingName} must list networks in CIDR form (such as 10.0.0.0/8 or fd00::/8) or single addresses; not {string.Join(", ", bad)}.")];
    }

    private static IReadOnlyList<IPNetwork> Networks(string? value) =>
        [.. SettingList.Parse(value).Select(entry => TryParseNetwork(entry, out var network) ? network : throw new FormatException($"'{entry}' is not a network."))];

    /// <summary>A CIDR network, or a single address as the network of just that address.</summary>
    private static bool TryParseNetwork(string entry, out IPNetwork network)
    {
        if (IPAddress.TryParse(entry, out var address))
        {
            network = new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }

        return IPNetwork.TryParse(entry, out network);
    }
}
