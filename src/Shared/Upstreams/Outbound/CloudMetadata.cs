using System.Net;

namespace McpGateway.Shared.Upstreams.Outbound;

/// <summary>
/// The instance metadata and host agent endpoints of the clouds the gateway may run on: they hand out credentials
/// to whoever asks from inside the instance, so the policy refuses them whatever the settings say.
/// </summary>
internal static class CloudMetadata
{
    public const string Reason = "cloud metadata endpoint";

    public static readonly IReadOnlySet<IPAddress> Addresses = new HashSet<IPAddress>(
    [
        IPAddress.Parse("169.254.169.254"), // AWS, Azure, Google Cloud, Oracle Cloud, DigitalOcean, OpenStack
        IPAddress.Parse("169.254.170.2"),   // AWS ECS task credentials
        IPAddress.Parse("169.254.170.23"),  // AWS EKS Pod Identity
        IPAddress.Parse("168.63.129.16"),   // Azure host agent (wireserver)
        IPAddress.Parse("100.100.100.200"), // Alibaba Cloud
        IPAddress.Parse("fd00:ec2::254"),   // AWS, over IPv6
        IPAddress.Parse("fd00:ec2::23"),    // AWS EKS Pod Identity, over IPv6
    ]);

    public static readonly IReadOnlySet<string> Names = new HashSet<string>(
        ["metadata", "metadata.google.internal", "metadata.goog", "metadata.azure.internal", "instance-data", "instance-data.ec2.internal"],
        StringComparer.Ordinal);
}
