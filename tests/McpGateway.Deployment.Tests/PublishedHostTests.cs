using System.Net;
using System.Text.Json.Nodes;

namespace McpGateway.Deployment.Tests;

/// <summary>
/// The container host published as the Dockerfile publishes it (Release, framework-dependent, no apphost) starts
/// from its publish folder alone, as the image's entry point, and answers /health against Azurite.
/// </summary>
public sealed class PublishedHostTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string workFolder = Directory.CreateTempSubdirectory("mcpgw-publish-").FullName;

    [Fact]
    public async Task The_published_host_starts_from_its_publish_folder_and_is_healthy()
    {
        var publishFolder = Path.Combine(workFolder, "app");
        // Its own artifacts folder: the other test projects run the host from src/Host/bin meanwhile.
        await using (var publish = ChildProcess.Start(
            "dotnet",
            ["publish", RepositoryPaths.Combine("src", "Host", "McpGateway.Host.csproj"), "-c", "Release", "-o", publishFolder,
             "-p:UseAppHost=false", "--artifacts-path", Path.Combine(workFolder, "artifacts"), "--disable-build-servers"],
            new Dictionary<string, string?>()))
        {
            var exitCode = await publish.WaitForExitAsync(TimeSpan.FromMinutes(8));
            Assert.True(exitCode == 0, publish.Output);
        }

        var entryAssembly = Path.Combine(publishFolder, DockerfileTests.EntryAssembly());
        Assert.True(File.Exists(entryAssembly), $"The image's entry point {entryAssembly} was not published.");

        var port = FreePorts.Take(1)[0];
        var settings = GatewayHostProcess.Settings(azurite.ConnectionString, "pub" + Guid.NewGuid().ToString("N")[..10], port);
        await using var host = ChildProcess.Start("dotnet", [entryAssembly], settings, workingDirectory: publishFolder);
        await FreePorts.WaitForListenerAsync(port, TimeSpan.FromSeconds(60), () => host.HasExited);

        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        using var response = await client.GetAsync(new Uri("health", UriKind.Relative), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {body}\n{host.Output}");
        Assert.Equal("healthy", JsonNode.Parse(body)!["status"]!.GetValue<string>());
    }

    public void Dispose() => Directory.Delete(workFolder, recursive: true);
}
