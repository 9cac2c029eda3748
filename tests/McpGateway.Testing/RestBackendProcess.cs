using System.Globalization;

namespace McpGateway.Testing;

/// <summary>
/// The REST API behind test and benchmark tools: <c>tests/McpGateway.RestBackend</c> (Kestrel, whose POST /echo
/// returns the JSON it was sent) as a process of its own on a free 127.0.0.1 port, like any upstream of the gateway.
/// </summary>
public sealed class RestBackendProcess : IAsyncDisposable
{
    private readonly ChildProcess process;

    private RestBackendProcess(ChildProcess process, int port)
    {
        this.process = process;
        EchoUrl = new Uri($"http://127.0.0.1:{port}/echo");
    }

    public Uri EchoUrl { get; }

    public static async Task<RestBackendProcess> StartAsync()
    {
        var port = FreePorts.Take(1)[0];
        var assembly = RepositoryPaths.Combine("tests", "McpGateway.RestBackend", "bin", RepositoryPaths.Configuration, "net10.0", "McpGateway.RestBackend.dll");
        var process = ChildProcess.Start("dotnet", [assembly], new Dictionary<string, string?> { ["PORT"] = port.ToString(CultureInfo.InvariantCulture) });
        try
        {
            await FreePorts.WaitForListenerAsync(port, TimeSpan.FromSeconds(60), () => process.HasExited);
        }
        catch (Exception ex)
        {
            var output = process.Output;
            await process.DisposeAsync();
            throw new InvalidOperationException("The REST backend did not start:\n" + output, ex);
        }

        return new RestBackendProcess(process, port);
    }

    public ValueTask DisposeAsync() => process.DisposeAsync();
}
