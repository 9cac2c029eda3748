using McpGateway.Shared.Catalog.Tools;
using McpGateway.Shared.Configuration;
using McpGateway.Shared.Upstreams.Rest;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace McpGateway.Shared.Tests.Upstreams;

/// <summary>The gateway's service registration provides the invoker and the validator, and checks the TOOL_* settings.</summary>
public sealed class RestToolRegistrationTests
{
    [Fact]
    public void Gateway_core_provides_the_invoker_and_the_validator_with_the_configured_settings()
    {
        using var services = Services(new() { ["TOOL_TIMEOUT"] = "5", ["MAX_TOOL_RETRIES"] = "0", ["TOOL_RATE_LIMIT"] = "7", ["TOOL_CONCURRENT_LIMIT"] = "2" });

        Assert.NotNull(services.GetRequiredService<RestToolInvoker>());
        Assert.NotNull(services.GetRequiredService<ToolArgumentValidator>());
        var options = services.GetRequiredService<IOptions<ToolOptions>>().Value;
        Assert.Equal((5, 0, 7, 2), (options.TimeoutSeconds, options.MaxRetries, options.RateLimitPerMinute, options.ConcurrentLimit));
    }

    [Fact]
    public void Defaults_follow_ContextForge()
    {
        using var services = Services([]);
        var options = services.GetRequiredService<IOptions<ToolOptions>>().Value;
        Assert.Equal((60, 3, 100, 10), (options.TimeoutSeconds, options.MaxRetries, options.RateLimitPerMinute, options.ConcurrentLimit));
    }

    [Theory]
    [InlineData("TOOL_TIMEOUT", "0")]
    [InlineData("MAX_TOOL_RETRIES", "-1")]
    [InlineData("TOOL_RATE_LIMIT", "0")]
    [InlineData("TOOL_CONCURRENT_LIMIT", "0")]
    public void Bad_setting_is_rejected_naming_it(string setting, string value)
    {
        using var services = Services(new() { [setting] = value });
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<RestToolInvoker>());
        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddGatewayCore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), "tests")
            .BuildServiceProvider();
}
