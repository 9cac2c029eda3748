using McpGateway.Shared.Upstreams.Mcp;

namespace McpGateway.Shared.Tests.Upstreams;

public sealed class ChildProcessEnvironmentTests
{
    [Fact]
    public void A_child_gets_the_minimal_names_from_the_gateway_and_none_of_its_other_variables()
    {
        var secretName = "MCPGW_TEST_SECRET_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(secretName, "gateway-only-value");
        try
        {
            var environment = ChildProcessEnvironment.For(new Dictionary<string, string>());

            Assert.DoesNotContain(secretName, environment.Keys);
            Assert.DoesNotContain("gateway-only-value", environment.Values);
            Assert.All(environment.Keys, name => Assert.Contains(name, ChildProcessEnvironment.InheritedNames, StringComparer.OrdinalIgnoreCase));
            Assert.Equal(Environment.GetEnvironmentVariable("PATH"), environment["PATH"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable(secretName, null);
        }
    }

    [Fact]
    public void The_peers_own_variables_are_added_and_win_over_inherited_ones()
    {
        var environment = ChildProcessEnvironment.For(new Dictionary<string, string> { ["UPSTREAM_TOKEN"] = "peer-value", ["PATH"] = "/peer/bin" });

        Assert.Equal("peer-value", environment["UPSTREAM_TOKEN"]);
        Assert.Equal("/peer/bin", environment["PATH"]);
    }
}
