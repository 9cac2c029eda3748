namespace McpGateway.Testing;

/// <summary>
/// A real Azurite (the Azure Storage emulator, installed by <c>npm ci --prefix tools</c>) on free
/// loopback ports with a data folder of its own, removed on dispose.
/// </summary>
public sealed class AzuriteInstance : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly string executable;
    private readonly string dataFolder;
    private readonly int[] ports;
    private ChildProcess? process;

    private AzuriteInstance(string executable, string dataFolder, int[] ports)
    {
        this.executable = executable;
        this.dataFolder = dataFolder;
        this.ports = ports;
        var (blobPort, tablePort) = (ports[0], ports[2]);
        ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";
        BlobPort = blobPort;
        TablePort = tablePort;
    }

    public string ConnectionString { get; }

    public int BlobPort { get; }

    public int TablePort { get; }

    /// <summary>The emulator's process while it runs.</summary>
    public int? ProcessId => process?.Id;

    public static async Task<AzuriteInstance> StartAsync()
    {
        var executable = Environment.GetEnvironmentVariable("AZURITE_PATH") is { Length: > 0 } configured
            ? configured
            : RepositoryPaths.Combine("tools", "node_modules", ".bin", "azurite");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Azurite is not installed at {executable}: run 'npm ci --prefix tools' (the README's test command does).");
        }

        var instance = new AzuriteInstance(executable, Directory.CreateTempSubdirectory("mcpgw-azurite-").FullName, FreePorts.Take(3));
        try
        {
            await instance.RestartAsync();
        }
        catch
        {
            await instance.DisposeAsync();
            throw;
        }

        return instance;
    }

    /// <summary>Stops the emulator, as a storage outage would; its data folder is kept.</summary>
    public async Task StopAsync()
    {
        if (process is not null)
        {
            await process.StopGracefullyAsync(TimeSpan.FromSeconds(10));
            await process.DisposeAsync();
            process = null;
        }
    }

    /// <summary>Starts the emulator (again) on the same ports and data folder.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        var started = ChildProcess.Start(
            executable,
            [
                "--silent", "--skipApiVersionCheck", "--loose", "--disableProductStyleUrl", "--location", dataFolder,
                "--blobHost", "127.0.0.1", "--blobPort", Port(0),
                "--queueHost", "127.0.0.1", "--queuePort", Port(1),
                "--tableHost", "127.0.0.1", "--tablePort", Port(2),
            ],
            new Dictionary<string, string?>());
        process = started;
        try
        {
            await FreePorts.WaitForListenerAsync(TablePort, TimeSpan.FromSeconds(60), () => started.HasExited);
            await FreePorts.WaitForListenerAsync(BlobPort, TimeSpan.FromSeconds(60), () => started.HasExited);
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException("Azurite did not start: " + started.Output, ex);
        }
    }

    private string Port(int index) => ports[index].ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the dying process; the temp folder is cleaned by the OS.
        }
    }
}
