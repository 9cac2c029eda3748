using System.Text.RegularExpressions;
using McpGateway.Shared.Storage;
using Microsoft.Extensions.Configuration;

namespace McpGateway.Deployment.Tests;

/// <summary>
/// The storage settings main.bicep gives the apps, as the environment variables Azure sets, make the gateway use
/// the account's public endpoints with the managed identity.
/// </summary>
public sealed partial class IdentitySettingsTests : IDisposable
{
    private readonly string prefix = $"MCPGW{Guid.NewGuid():N}_";
    private readonly List<string> variables = [];

    [Fact]
    public void The_storage_settings_of_the_bicep_select_the_account_through_the_identity()
    {
        var main = File.ReadAllText(BicepCli.MainTemplate);
        var names = StorageSetting().Matches(main).Select(match => match.Groups["name"].Value).ToList();
        Assert.Equal(["CatalogStorage__accountName", "CatalogStorage__credential", "CatalogStorage__clientId"], names);

        Set("CatalogStorage__accountName", "stmcpgwexample");
        Set("CatalogStorage__credential", "managedidentity");
        Set("CatalogStorage__clientId", Guid.NewGuid().ToString());
        var clients = StorageClients.FromConfiguration(new ConfigurationBuilder().AddEnvironmentVariables(prefix).Build());

        Assert.Equal(new Uri("https://stmcpgwexample.table.core.windows.net/"), clients.Tables.Uri);
        Assert.Equal(new Uri("https://stmcpgwexample.blob.core.windows.net/"), clients.Blobs.Uri);
    }

    public void Dispose() => variables.ForEach(name => Environment.SetEnvironmentVariable(name, null));

    private void Set(string name, string value)
    {
        variables.Add(prefix + name);
        Environment.SetEnvironmentVariable(prefix + name, value);
    }

    [GeneratedRegex(@"^\s*(?<name>CatalogStorage__\w+):", RegexOptions.Multiline)]
    private static partial Regex StorageSetting();
}
