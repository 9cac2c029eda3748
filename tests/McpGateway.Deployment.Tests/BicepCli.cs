using System.Reflection;

namespace McpGateway.Deployment.Tests;

/// <summary>The Bicep CLI restored from NuGet (Azure.Bicep.CommandLine.linux-x64, a PackageDownload of this project).</summary>
internal static class BicepCli
{
    public static string MainTemplate { get; } = RepositoryPaths.Combine("infra", "bicep", "main.bicep");

    private static string Executable { get; } = typeof(BicepCli).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "BicepPath").Value!;

    /// <summary>Runs <c>bicep</c> with the arguments; returns its exit code and everything it printed (its diagnostics).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        Assert.True(File.Exists(Executable), $"The Bicep CLI is missing at {Executable}: restore the solution.");
        await using var bicep = ChildProcess.Start(Executable, arguments, new Dictionary<string, string?>());
        var exitCode = await bicep.WaitForExitAsync(TimeSpan.FromMinutes(3));
        return (exitCode, bicep.Output);
    }
}
