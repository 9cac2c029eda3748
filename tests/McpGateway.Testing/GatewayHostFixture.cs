using Xunit;

namespace McpGateway.Testing;

/// <summary>A gateway host per test class, on the assembly's Azurite, with a catalog of its own.</summary>
public class GatewayHostFixture(AzuriteFixture azurite) : IAsyncLifetime
{
    private GatewayHostProcess? host;

    public GatewayHostProcess Host => host ?? throw new InvalidOperationException("The gateway host has not started.");

    public AzuriteFixture Storage => azurite;

    /// <summary>Settings a derived fixture adds or replaces.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public virtual async ValueTask InitializeAsync() => host = await GatewayHostProcess.StartAsync(azurite.ConnectionString, Settings);

    public virtual async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
