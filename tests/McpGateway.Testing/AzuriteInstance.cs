namespace McpGateway.Testing;

/// <summary>
/// A real Azurite (the Azure Storage emulator, installed by <c>npm ci --prefix tools</c>) on free
/// loopback ports with a data folder of its own, removed on dispose.
/// </summary>
public sealed class AzuriteInstance : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly ChildProcess process;
    private readonly string dataFolder;

    private AzuriteInstance(ChildProcess process, string dataFolder, int blobPort, int tablePort)
    {
        this.process = process;
        this.dataFolder = dataFolder;
        ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";
        BlobPort = blobPort;
        TablePort = tablePort;
    }

    public string ConnectionString { get; }

    public int BlobPort { get; }

    public int TablePort { get; }

    public static async Task<AzuriteInstance> StartAsync()
    {
        var executable = Environment.GetEnvironmentVariable("AZURITE_PATH") is { Length: > 0 } configured
            ? configured
            : RepositoryPaths.Combine("tools", "node_modules", ".bin", "azurite");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Azurite is not installed at {executable}: run 'npm ci --prefix tools' (the README's test command does).");
        }

        var ports = FreePorts.Take(3);
        var dataFolder = Directory.CreateTempSubdirectory("mcpgw-azurite-").FullName;
        var process = ChildProcess.Start(
            executable,
            [
                "--silent", "--skipApiVersionCheck", "--loose", "--disableProductStyleUrl", "--location", dataFolder,
                "--blobHost", "127.0.0.1", "--blobPort", ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--queueHost", "127.0.0.1", "--queuePort", ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--tableHost", "127.0.0.1", "--tablePort", ports[2].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ],
            new Dictionary<string, string?>());
        var instance = new AzuriteInstance(process, dataFolder, ports[0], ports[2]);
        try
        {
            await FreePorts.WaitForListenerAsync(ports[2], TimeSpan.FromSeconds(60), () => process.HasExited);
            await FreePorts.WaitForListenerAsync(ports[0], TimeSpan.FromSeconds(60), () => process.HasExited);
        }
        catch (Exception ex)
        {
            var output = process.Output;
            await instance.DisposeAsync();
            throw new InvalidOperationException("Azurite did not start: " + output, ex);
        }

        return instance;
    }

    public async ValueTask DisposeAsync()
    {
        await process.DisposeAsync();
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
