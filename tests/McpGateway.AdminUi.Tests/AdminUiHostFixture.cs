namespace McpGateway.AdminUi.Tests;

/// <summary>A gateway host per test class with the REST backend (tests/McpGateway.RestBackend) its tools can call.</summary>
public class AdminUiHostFixture(AzuriteFixture azurite) : GatewayHostFixture(azurite)
{
    private RestBackendProcess? backend;

    public RestBackendProcess Backend => backend ?? throw new InvalidOperationException("The REST backend has not started.");

    public override async ValueTask InitializeAsync()
    {
        backend = await RestBackendProcess.StartAsync();
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        if (backend is not null)
        {
            await backend.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
