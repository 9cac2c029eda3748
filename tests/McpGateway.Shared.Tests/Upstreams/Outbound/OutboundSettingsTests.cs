using System.Net;
using McpGateway.Shared.Configuration;
using McpGateway.Shared.Upstreams.Outbound;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace McpGateway.Shared.Tests.Upstreams.Outbound;

/// <summary>The SSRF_* settings: safe defaults for a deployment, lists bound as written, bad values refused at start naming the setting.</summary>
public sealed class OutboundSettingsTests
{
    [Fact]
    public void The_defaults_protect_a_deployment()
    {
        using var services = Services([]);
        var options = services.GetRequiredService<IOptions<OutboundOptions>>().Value;
        var policy = services.GetRequiredService<OutboundPolicy>();

        Assert.Equal((true, false, false), (options.ProtectionEnabled, options.AllowLocalhost, options.AllowPrivateNetworks));
        Assert.NotNull(policy.Check(IPAddress.Loopback));
        Assert.NotNull(policy.Check(IPAddress.Parse("192.168.1.1")));
    }

    [Fact]
    public void Settings_are_bound_from_ContextForge_names()
    {
        using var services = Services(new()
        {
            ["SSRF_ALLOW_LOCALHOST"] = "true",
            ["SSRF_BLOCKED_NETWORKS"] = """["203.0.113.0/24"]""",
            ["SSRF_ALLOWED_NETWORKS"] = "10.20.0.0/16,fd00:1::5",
            ["SSRF_BLOCKED_HOSTS"] = "internal.example.com",
        });
        var policy = services.GetRequiredService<OutboundPolicy>();

        Assert.Null(policy.Check(IPAddress.Loopback));
        Assert.NotNull(policy.Check(IPAddress.Parse("203.0.113.1")));
        Assert.Null(policy.Check(IPAddress.Parse("10.20.3.4")));
        Assert.Null(policy.Check(IPAddress.Parse("fd00:1::5")));
        Assert.NotNull(policy.CheckHost("internal.example.com"));
    }

    [Theory]
    [InlineData("SSRF_BLOCKED_NETWORKS", "10.0.0.0/33")]
    [InlineData("SSRF_ALLOWED_NETWORKS", "intranet")]
    [InlineData("SSRF_ALLOWED_NETWORKS", "[\"10.0.0.0/8\"")]
    [InlineData("SSRF_HOSTS_FILE", "/nonexistent/hosts")]
    [InlineData("SSRF_ALLOW_LOCALHOST", "sometimes")]
    public void A_bad_setting_is_refused_at_start_naming_it(string setting, string value)
    {
        using var services = Services(new() { [setting] = value });

        var failure = Assert.ThrowsAny<Exception>(() => services.GetRequiredService<IOptions<OutboundOptions>>().Value);

        Assert.Contains(setting, failure.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddGatewayCore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), "tests")
            .BuildServiceProvider();
}
