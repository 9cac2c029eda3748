using System.Text.Json.Nodes;

namespace McpGateway.Deployment.Tests;

/// <summary>infra/bicep compiles and passes the linter with no error and no warning, and fits what azd gives and reads.</summary>
public sealed class BicepTemplateTests : IDisposable
{
    private readonly string outputFolder = Directory.CreateTempSubdirectory("mcpgw-bicep-").FullName;

    [Fact]
    public async Task Build_reports_no_error_and_no_warning()
    {
        var (exitCode, output) = await BicepCli.RunAsync("build", BicepCli.MainTemplate, "--outdir", outputFolder);
        Assert.True(exitCode == 0 && output.Length == 0, $"bicep build exited {exitCode}:\n{output}");
    }

    [Fact]
    public async Task Lint_reports_no_error_and_no_warning()
    {
        var (exitCode, output) = await BicepCli.RunAsync("lint", BicepCli.MainTemplate);
        Assert.True(exitCode == 0 && output.Length == 0, $"bicep lint exited {exitCode}:\n{output}");
    }

    [Fact]
    public async Task Every_parameter_azd_passes_exists_and_every_required_one_is_passed_or_generated()
    {
        var template = await CompileAsync();
        var templateParameters = template["parameters"]!.AsObject();
        var passed = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryPaths.Combine("infra", "bicep", "main.parameters.json"), TestContext.Current.CancellationToken))!["parameters"]!.AsObject();

        Assert.All(passed, p => Assert.True(templateParameters.ContainsKey(p.Key), $"main.parameters.json passes '{p.Key}', which main.bicep does not declare."));
        var unset = templateParameters
            .Where(p => p.Value!["defaultValue"] is null && !passed.ContainsKey(p.Key) && GeneratedByAzd(p.Value!) is false)
            .Select(p => p.Key);
        Assert.Empty(unset);
    }

    [Fact]
    public async Task The_outputs_azd_reads_are_declared()
    {
        var outputs = (await CompileAsync())["outputs"]!.AsObject();
        // The registry azd pushes the container host's image to, and what it records of the deployment.
        foreach (var name in new[] { "AZURE_CONTAINER_REGISTRY_ENDPOINT", "AZURE_CONTAINER_ENVIRONMENT_NAME", "AZURE_LOCATION", "AZURE_TENANT_ID", "AZURE_RESOURCE_GROUP", "AZURE_KEY_VAULT_NAME" })
        {
            Assert.True(outputs.ContainsKey(name), $"main.bicep has no output {name}.");
        }
    }

    [Fact]
    public async Task The_apps_identity_gets_exactly_the_data_roles_it_needs()
    {
        var template = (await CompileAsync()).ToJsonString();
        var roles = new Dictionary<string, string>
        {
            ["Storage Table Data Contributor"] = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3",
            ["Storage Blob Data Owner"] = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
            ["SignalR App Server"] = "420fcaa2-552c-430f-98ca-3264be4806c7",
            ["Key Vault Secrets User"] = "4633458b-17de-408a-b874-0445c86b69e6",
            ["Monitoring Metrics Publisher"] = "3913510d-42f4-4e42-8a64-420c390055eb",
            ["AcrPull"] = "7f951dda-4ed3-4680-a7ca-43fe172d538d",
        };
        Assert.All(roles, role => Assert.True(template.Contains(role.Value, StringComparison.Ordinal), $"No assignment of {role.Key}."));
    }

    [Fact]
    public async Task No_service_accepts_keys()
    {
        var template = (await CompileAsync()).ToJsonString();
        Assert.Contains("\"allowSharedKeyAccess\":false", template, StringComparison.Ordinal);
        Assert.Contains("\"disableLocalAuth\":true", template, StringComparison.Ordinal);
        Assert.Contains("\"DisableLocalAuth\":true", template, StringComparison.Ordinal);
        Assert.Contains("\"adminUserEnabled\":false", template, StringComparison.Ordinal);
        Assert.DoesNotContain("listKeys", template, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(outputFolder, recursive: true);

    private static bool GeneratedByAzd(JsonNode parameter) =>
        parameter["metadata"]?["azd"]?["type"]?.GetValue<string>() == "generate";

    private async Task<JsonNode> CompileAsync()
    {
        var (exitCode, output) = await BicepCli.RunAsync("build", BicepCli.MainTemplate, "--outdir", outputFolder);
        Assert.True(exitCode == 0, output);
        return JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(outputFolder, "main.json"), TestContext.Current.CancellationToken))!;
    }
}
