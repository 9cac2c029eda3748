using System.Net;
using McpGateway.Shared.Upstreams.Outbound;
using Microsoft.Extensions.Options;

namespace McpGateway.Shared.Tests.Upstreams.Outbound;

/// <summary>What the outbound policy refuses, address by address and host by host, under each setting.</summary>
public sealed class OutboundPolicyTests
{
    private static readonly OutboundPolicy Defaults = Policy(new OutboundOptions());

    [Theory]
    [InlineData("169.254.169.254")]
    [InlineData("169.254.170.2")]
    [InlineData("168.63.129.16")]
    [InlineData("100.100.100.200")]
    [InlineData("fd00:ec2::254")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    public void Metadata_addresses_are_refused_whatever_the_settings(string address)
    {
        var everythingAllowed = Policy(new OutboundOptions
        {
            AllowLocalhost = true,
            AllowPrivateNetworks = true,
            AllowedNetworks = "0.0.0.0/0,::/0",
        });
        var disabled = Policy(new OutboundOptions { ProtectionEnabled = false });

        foreach (var policy in new[] { Defaults, everythingAllowed, disabled })
        {
            Assert.Equal("cloud metadata endpoint", policy.Check(IPAddress.Parse(address))?.Reason);
        }
    }

    [Theory]
    [InlineData("metadata.google.internal")]
    [InlineData("METADATA.google.internal.")]
    [InlineData("metadata.azure.internal")]
    [InlineData("metadata")]
    public void Metadata_names_are_refused_before_they_are_resolved(string host)
    {
        var refusal = Policy(new OutboundOptions { ProtectionEnabled = false }).CheckHost(host);

        Assert.Equal("cloud metadata endpoint", refusal?.Reason);
        Assert.Equal($"outbound policy refused {host.ToLowerInvariant().TrimEnd('.')} (cloud metadata endpoint)", refusal!.ToString());
    }

    [Theory]
    [InlineData("169.254.10.20", "link-local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("0.0.0.0", "unspecified address")]
    [InlineData("::", "unspecified address")]
    [InlineData("127.0.0.1", "loopback, refused unless SSRF_ALLOW_LOCALHOST")]
    [InlineData("127.8.9.10", "loopback, refused unless SSRF_ALLOW_LOCALHOST")]
    [InlineData("::1", "loopback, refused unless SSRF_ALLOW_LOCALHOST")]
    [InlineData("10.1.2.3", "private network, refused unless SSRF_ALLOW_PRIVATE_NETWORKS")]
    [InlineData("172.31.255.1", "private network, refused unless SSRF_ALLOW_PRIVATE_NETWORKS")]
    [InlineData("192.168.0.1", "private network, refused unless SSRF_ALLOW_PRIVATE_NETWORKS")]
    [InlineData("100.64.0.1", "private network, refused unless SSRF_ALLOW_PRIVATE_NETWORKS")]
    [InlineData("fd12:3456::1", "private network, refused unless SSRF_ALLOW_PRIVATE_NETWORKS")]
    [InlineData("::ffff:10.1.2.3", "private network, refused unless SSRF_ALLOW_PRIVATE_NETWORKS")]
    [InlineData("::ffff:127.0.0.1", "loopback, refused unless SSRF_ALLOW_LOCALHOST")]
    public void The_defaults_refuse_local_and_internal_addresses(string address, string reason)
    {
        Assert.Equal(new OutboundRefusal(address, reason), Defaults.Check(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("172.32.0.1")]
    [InlineData("2606:4700::1111")]
    [InlineData("::ffff:93.184.215.14")]
    public void The_defaults_allow_public_addresses(string address)
    {
        Assert.Null(Defaults.Check(IPAddress.Parse(address)));
    }

    [Fact]
    public void Loopback_and_private_networks_are_allowed_only_by_their_settings()
    {
        var localhost = Policy(new OutboundOptions { AllowLocalhost = true });
        var privateNetworks = Policy(new OutboundOptions { AllowPrivateNetworks = true });

        Assert.Null(localhost.Check(IPAddress.Loopback));
        Assert.Null(localhost.Check(IPAddress.IPv6Loopback));
        Assert.NotNull(localhost.Check(IPAddress.Parse("10.0.0.1")));
        Assert.Null(privateNetworks.Check(IPAddress.Parse("10.0.0.1")));
        Assert.Null(privateNetworks.Check(IPAddress.Parse("fd00::1")));
        Assert.NotNull(privateNetworks.Check(IPAddress.Loopback));
        Assert.NotNull(privateNetworks.Check(IPAddress.Parse("169.254.1.1")));
    }

    [Fact]
    public void Allowed_networks_let_a_listed_network_through_whatever_its_class()
    {
        var policy = Policy(new OutboundOptions { AllowedNetworks = """["10.20.0.0/16","169.254.100.0/24","127.0.0.1"]""" });

        Assert.Null(policy.Check(IPAddress.Parse("10.20.1.2")));
        Assert.Null(policy.Check(IPAddress.Parse("169.254.100.7")));
        Assert.Null(policy.Check(IPAddress.Parse("127.0.0.1")));
        Assert.Null(policy.Check(IPAddress.Parse("::ffff:10.20.1.2")));
        Assert.NotNull(policy.Check(IPAddress.Parse("10.21.1.2")));
        Assert.NotNull(policy.Check(IPAddress.Parse("127.0.0.2")));
    }

    [Fact]
    public void Blocked_networks_are_refused_even_when_allowed_otherwise()
    {
        var policy = Policy(new OutboundOptions
        {
            AllowPrivateNetworks = true,
            BlockedNetworks = "203.0.113.0/24, 10.9.0.0/16",
            AllowedNetworks = "10.0.0.0/8",
        });

        Assert.Equal("listed in SSRF_BLOCKED_NETWORKS", policy.Check(IPAddress.Parse("203.0.113.9"))?.Reason);
        Assert.Equal("listed in SSRF_BLOCKED_NETWORKS", policy.Check(IPAddress.Parse("10.9.8.7"))?.Reason);
        Assert.Equal("listed in SSRF_BLOCKED_NETWORKS", policy.Check(IPAddress.Parse("::ffff:203.0.113.9"))?.Reason);
        Assert.Null(policy.Check(IPAddress.Parse("10.8.0.1")));
    }

    [Fact]
    public void Hosts_are_judged_as_written()
    {
        var policy = Policy(new OutboundOptions { BlockedHosts = "internal.example.com" });

        Assert.Equal("listed in SSRF_BLOCKED_HOSTS", policy.CheckHost("Internal.Example.COM.")?.Reason);
        Assert.Equal(new OutboundRefusal("localhost at 127.0.0.1", "loopback, refused unless SSRF_ALLOW_LOCALHOST"), policy.CheckHost("localhost"));
        Assert.NotNull(policy.CheckHost("api.localhost"));
        Assert.Equal("link-local", policy.CheckHost("[fe80::1]")?.Reason);
        Assert.Equal("cloud metadata endpoint", policy.Check(new Uri("http://[::ffff:a9fe:a9fe]/latest/"))?.Reason);
        Assert.Equal("cloud metadata endpoint", policy.Check(new Uri("http://2852039166/latest/"))?.Reason);
        Assert.Null(policy.CheckHost("api.example.com"));
        Assert.Null(Policy(new OutboundOptions { AllowLocalhost = true }).CheckHost("localhost"));
    }

    [Fact]
    public void Disabled_protection_refuses_only_metadata_endpoints()
    {
        var policy = Policy(new OutboundOptions { ProtectionEnabled = false, BlockedNetworks = "203.0.113.0/24", BlockedHosts = "internal.example.com" });

        Assert.All(
            new[] { "127.0.0.1", "10.0.0.1", "169.254.1.1", "0.0.0.0", "203.0.113.9" },
            address => Assert.Null(policy.Check(IPAddress.Parse(address))));
        Assert.Null(policy.CheckHost("internal.example.com"));
        Assert.Null(policy.CheckHost("localhost"));
        Assert.NotNull(policy.Check(IPAddress.Parse("169.254.169.254")));
    }

    private static OutboundPolicy Policy(OutboundOptions options) => new(Options.Create(options));
}
