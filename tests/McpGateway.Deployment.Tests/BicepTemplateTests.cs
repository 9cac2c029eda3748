using System.Text.Json.Nodes;

namespace McpGateway.Deployment.Tests;

/// <summary>infra/bicep compiles and passes the linter with no error and no warning, and fits what azd gives and reads.</summary>
public sealed class BicepTemplateTests(CompiledTemplate compiled) : IClassFixture<CompiledTemplate>
{
    [Fact]
    public void Build_reports_no_error_and_no_warning()
    {
        Assert.True(compiled.ExitCode == 0 && compiled.Output.Length == 0, $"bicep build exited {compiled.ExitCode}:\n{compiled.Output}");
    }

    [Fact]
    public async Task Lint_reports_no_error_and_no_warning()
    {
        var (exitCode, output) = await BicepCli.RunAsync("lint", BicepCli.MainTemplate);
        Assert.True(exitCode == 0 && output.Length == 0, $"bicep lint exited {exitCode}:\n{output}");
    }

    [Fact]
    public void Every_parameter_azd_passes_exists_and_every_required_one_is_passed_or_generated()
    {
        var declared = compiled.Template["parameters"]!.AsObject();
        var passed = JsonNode.Parse(File.ReadAllText(RepositoryPaths.Combine("infra", "bicep", "main.parameters.json")))!["parameters"]!.AsObject();

        Assert.All(passed, p => Assert.True(declared.ContainsKey(p.Key), $"main.parameters.json passes '{p.Key}', which main.bicep does not declare."));
        var unset = declared
            .Where(p => p.Value!["defaultValue"] is null && !passed.ContainsKey(p.Key) && !GeneratedByAzd(p.Value!))
            .Select(p => p.Key);
        Assert.Empty(unset);
    }

    [Fact]
    public void The_outputs_azd_reads_are_declared()
    {
        var outputs = compiled.Template["outputs"]!.AsObject();
        // The registry azd pushes the container host's image to, and what it records of the deployment.
        foreach (var name in new[] { "AZURE_CONTAINER_REGISTRY_ENDPOINT", "AZURE_CONTAINER_ENVIRONMENT_NAME", "AZURE_LOCATION", "AZURE_TENANT_ID", "AZURE_RESOURCE_GROUP", "AZURE_KEY_VAULT_NAME" })
        {
            Assert.True(outputs.ContainsKey(name), $"main.bicep has no output {name}.");
        }
    }

    [Fact]
    public void The_apps_identity_gets_the_data_roles_it_needs()
    {
        var template = compiled.Template.ToJsonString();
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
    public void No_service_accepts_keys()
    {
        Assert.False(Assert.Single(compiled.Resources("Microsoft.Storage/storageAccounts"))["properties"]!["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.True(Assert.Single(compiled.Resources("Microsoft.SignalRService/signalR"))["properties"]!["disableLocalAuth"]!.GetValue<bool>());
        Assert.True(Assert.Single(compiled.Resources("Microsoft.Insights/components"))["properties"]!["DisableLocalAuth"]!.GetValue<bool>());
        Assert.False(Assert.Single(compiled.Resources("Microsoft.ContainerRegistry/registries"))["properties"]!["adminUserEnabled"]!.GetValue<bool>());
        Assert.DoesNotContain("listKeys", compiled.Template.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_functions_app_runs_dotnet_isolated_10_on_flex_consumption_deployed_through_the_identity()
    {
        var plan = Assert.Single(compiled.Resources("Microsoft.Web/serverfarms"));
        Assert.Equal("FlexConsumption", plan["sku"]!["tier"]!.GetValue<string>());
        var config = Assert.Single(compiled.Resources("Microsoft.Web/sites"))["properties"]!["functionAppConfig"]!;
        Assert.Equal("dotnet-isolated", config["runtime"]!["name"]!.GetValue<string>());
        Assert.Equal("10.0", config["runtime"]!["version"]!.GetValue<string>());
        Assert.Equal("UserAssignedIdentity", config["deployment"]!["storage"]!["authentication"]!["type"]!.GetValue<string>());
        // Flex Consumption refuses the settings that name the runtime outside functionAppConfig.
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", compiled.Template.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("FUNCTIONS_EXTENSION_VERSION", compiled.Template.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void SignalR_service_runs_serverless_and_the_apps_reach_it_without_a_key()
    {
        var features = Assert.Single(compiled.Resources("Microsoft.SignalRService/signalR"))["properties"]!["features"]!.AsArray();
        var mode = features.Single(f => f!["flag"]!.GetValue<string>() == "ServiceMode");
        Assert.Equal("Serverless", mode!["value"]!.GetValue<string>());
        // The apps reach it as the managed identity: the connection string names no key.
        Assert.Contains("AzureSignalRConnectionString", compiled.Template.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(";AuthType=azure.msi;ClientId=", compiled.Template.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("AccessKey", compiled.Template.ToJsonString(), StringComparison.Ordinal);
    }

    private static bool GeneratedByAzd(JsonNode parameter) =>
        parameter["metadata"]?["azd"]?["type"]?.GetValue<string>() == "generate";
}
