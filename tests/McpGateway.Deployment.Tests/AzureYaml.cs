using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace McpGateway.Deployment.Tests;

/// <summary>The parts of <c>azure.yaml</c> that azd acts on.</summary>
internal sealed class AzureYaml
{
    public string? Name { get; set; }

    public AzdInfra? Infra { get; set; }

    public Dictionary<string, AzdService> Services { get; set; } = [];

    public static AzureYaml Load() =>
        new DeserializerBuilder()
            .WithNamingConvention(CamelCaseNamingConvention.Instance)
            .IgnoreUnmatchedProperties()
            .Build()
            .Deserialize<AzureYaml>(File.ReadAllText(RepositoryPaths.Combine("azure.yaml")));
}

internal sealed class AzdInfra
{
    public string? Provider { get; set; }

    public string? Path { get; set; }
}

internal sealed class AzdService
{
    public string? Project { get; set; }

    public string? Language { get; set; }

    public string? Host { get; set; }

    public AzdDocker? Docker { get; set; }
}

/// <summary>A container service's build; both paths are relative to the service's project folder.</summary>
internal sealed class AzdDocker
{
    public string Path { get; set; } = "./Dockerfile";

    public string Context { get; set; } = ".";

    public bool RemoteBuild { get; set; }
}
