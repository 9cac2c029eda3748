namespace McpGateway.Host.Tests;

/// <summary>A host whose event streams retry after 1.5 s and send a keep-alive comment every second.</summary>
public sealed class EventStreamFixture(AzuriteFixture azurite) : GatewayHostFixture(azurite)
{
    public const int RetryMilliseconds = 1500;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["SSE_RETRY_TIMEOUT"] = RetryMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["SSE_KEEPALIVE_INTERVAL"] = "1",
        ["EVENT_POLL_INTERVAL"] = "200",
    };
}
