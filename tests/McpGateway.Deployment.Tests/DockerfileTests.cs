namespace McpGateway.Deployment.Tests;

/// <summary>
/// The container host's Dockerfile (no Docker engine here to build it): multi-stage, a runtime-only final image that
/// runs unprivileged with a health check, and every file it copies from the context exists.
/// </summary>
public sealed class DockerfileTests
{
    private static readonly Dockerfile Document = Dockerfile.Load(RepositoryPaths.Combine("src", "Host", "Dockerfile"));

    [Fact]
    public void The_sdk_builds_and_only_the_aspnet_runtime_ships()
    {
        Assert.True(Document.Stages.Count >= 2);
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:", Document.Stages[0][0].Arguments, StringComparison.Ordinal);
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:", Document.FinalStage[0].Arguments, StringComparison.Ordinal);
    }

    [Fact]
    public void The_final_image_runs_as_a_non_root_user()
    {
        var user = Assert.Single(Document.FinalStage, i => i.Keyword == "USER").Arguments;
        Assert.DoesNotContain(user, new[] { "root", "0", "0:0" });
    }

    [Fact]
    public void The_health_check_asks_health_on_the_port_the_host_listens_on()
    {
        var healthCheck = Assert.Single(Document.FinalStage, i => i.Keyword == "HEALTHCHECK").Arguments;
        Assert.Contains("/health", healthCheck, StringComparison.Ordinal);
        Assert.Contains("${PORT}", healthCheck, StringComparison.Ordinal);
        var environment = Assert.Single(Document.FinalStage, i => i.Keyword == "ENV").Arguments;
        var exposed = Assert.Single(Document.FinalStage, i => i.Keyword == "EXPOSE").Arguments;
        Assert.Contains($"PORT={exposed}", environment, StringComparison.Ordinal);
        Assert.Contains("HOST=0.0.0.0", environment, StringComparison.Ordinal);
    }

    [Fact]
    public void The_image_listens_on_the_port_the_container_app_sends_to()
    {
        var exposed = Assert.Single(Document.FinalStage, i => i.Keyword == "EXPOSE").Arguments;
        var containerApp = File.ReadAllText(RepositoryPaths.Combine("infra", "bicep", "modules", "containerapp.bicep"));
        Assert.Contains($"var port = {exposed}\n", containerApp, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_file_copied_from_the_context_exists()
    {
        var sources = Document.Stages.SelectMany(stage => stage)
            .Where(i => i.Keyword == "COPY" && !i.Arguments.StartsWith("--from", StringComparison.Ordinal))
            .SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..^1])
            .ToList();
        Assert.NotEmpty(sources);
        Assert.All(sources, source => Assert.True(Path.Exists(RepositoryPaths.Combine(source)), $"COPY {source}: not in the repository"));
    }

    /// <summary>The program the image starts: <c>ENTRYPOINT ["dotnet", "X.dll"]</c> gives X.dll.</summary>
    internal static string EntryAssembly()
    {
        var entryPoint = Assert.Single(Document.FinalStage, i => i.Keyword == "ENTRYPOINT").Arguments;
        var command = System.Text.Json.JsonSerializer.Deserialize<string[]>(entryPoint)!;
        Assert.Equal("dotnet", command[0]);
        return command[1];
    }
}
