using System.Reflection;
using System.Text.Json.Nodes;
using McpGateway.Shared.Configuration;
using McpGateway.Shared.Storage;
using Microsoft.Extensions.Configuration;

namespace McpGateway.Deployment.Tests;

/// <summary>
/// local.settings.json.example lists every setting the Functions app reads: the setting name of every options property
/// of the gateway's core (<see cref="ConfigurationKeyNameAttribute"/>, what binding reads), the storage connection,
/// and the Functions runtime's own.
/// </summary>
public sealed class LocalSettingsExampleTests
{
    private static readonly IReadOnlySet<string> Listed = JsonNode.Parse(File.ReadAllText(RepositoryPaths.Combine("local.settings.json.example")))!["Values"]!
        .AsObject().Select(value => value.Key).ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void Every_setting_an_options_class_binds_is_listed()
    {
        Assert.NotEmpty(BoundSettings());
        Assert.Empty(BoundSettings().Except(Listed));
    }

    [Fact]
    public void The_storage_connection_and_the_runtime_settings_are_listed()
    {
        Assert.Empty(new[] { StorageClients.ConnectionName, StorageClients.FallbackConnectionName, "FUNCTIONS_WORKER_RUNTIME" }.Except(Listed));
    }

    private static IEnumerable<string> BoundSettings() =>
        typeof(StorageOptions).Assembly.GetTypes()
            .SelectMany(type => type.GetProperties())
            .Select(property => property.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name)
            .OfType<string>();
}
