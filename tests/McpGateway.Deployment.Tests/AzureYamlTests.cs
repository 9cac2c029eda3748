using System.Text.RegularExpressions;

namespace McpGateway.Deployment.Tests;

/// <summary>azure.yaml holds what azd requires of it, and names the services the Bicep tags.</summary>
public sealed partial class AzureYamlTests
{
    private static readonly AzureYaml Document = AzureYaml.Load();

    [Fact]
    public void The_name_is_lowercase_letters_digits_and_hyphens()
    {
        Assert.Matches(AzdName(), Document.Name ?? string.Empty);
    }

    [Fact]
    public void The_infrastructure_is_the_bicep_folder_with_main_bicep()
    {
        Assert.Equal("bicep", Document.Infra?.Provider);
        Assert.True(File.Exists(RepositoryPaths.Combine(Document.Infra!.Path!, "main.bicep")));
    }

    [Fact]
    public void The_functions_app_and_the_container_host_are_dotnet_services()
    {
        var hosts = Document.Services.ToDictionary(s => s.Key, s => (s.Value.Host, s.Value.Language));
        Assert.Equal(new Dictionary<string, (string?, string?)> { ["functions"] = ("function", "dotnet"), ["host"] = ("containerapp", "dotnet") }, hosts);
    }

    [Fact]
    public void Every_project_is_a_folder_with_a_project_file()
    {
        Assert.All(Document.Services, service =>
        {
            var folder = RepositoryPaths.Combine(service.Value.Project!);
            Assert.True(Directory.Exists(folder), $"{service.Key}: no folder {service.Value.Project}");
            Assert.Single(Directory.GetFiles(folder, "*.csproj"));
        });
    }

    [Fact]
    public void Every_container_service_has_its_dockerfile_and_build_context()
    {
        var containers = Document.Services.Where(s => s.Value.Host == "containerapp").ToList();
        Assert.NotEmpty(containers);
        Assert.All(containers, service =>
        {
            Assert.NotNull(service.Value.Docker);
            var project = RepositoryPaths.Combine(service.Value.Project!);
            Assert.True(File.Exists(Path.Combine(project, service.Value.Docker.Path)), $"{service.Key}: no Dockerfile at {service.Value.Docker.Path}");
            Assert.Equal(RepositoryPaths.Root, Path.GetFullPath(Path.Combine(project, service.Value.Docker.Context)).TrimEnd('/'));
        });
    }

    [Fact]
    public void The_service_names_are_the_azd_service_name_tags_of_the_bicep()
    {
        var tagged = Directory.GetFiles(RepositoryPaths.Combine(Document.Infra!.Path!), "*.bicep", SearchOption.AllDirectories)
            .SelectMany(file => ServiceNameTag().Matches(File.ReadAllText(file)))
            .Select(match => match.Groups["name"].Value)
            .Order();
        Assert.Equal(Document.Services.Keys.Order(), tagged);
    }

    // azd's schema: lowercase letters, digits and hyphens, starting and ending with a letter or digit, 2 or more characters.
    [GeneratedRegex("^[a-z0-9][-a-z0-9]*[a-z0-9]$")]
    private static partial Regex AzdName();

    [GeneratedRegex(@"'azd-service-name':\s*'(?<name>[^']+)'")]
    private static partial Regex ServiceNameTag();
}
