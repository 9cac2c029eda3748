using Xunit;

namespace McpGateway.Testing;

/// <summary>One Azurite per test assembly (<c>[assembly: AssemblyFixture(typeof(AzuriteFixture))]</c>).</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteInstance? instance;

    public AzuriteInstance Azurite => instance ?? throw new InvalidOperationException("Azurite has not started.");

    public string ConnectionString => Azurite.ConnectionString;

    public async ValueTask InitializeAsync() => instance = await AzuriteInstance.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (instance is not null)
        {
            await instance.DisposeAsync();
        }
    }
}
