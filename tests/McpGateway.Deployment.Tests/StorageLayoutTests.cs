using System.Reflection;
using System.Text.RegularExpressions;
using McpGateway.Shared.Catalog;

namespace McpGateway.Deployment.Tests;

/// <summary>The storage module creates the table of every catalog kind (the app would create a missing one on first use).</summary>
public sealed partial class StorageLayoutTests
{
    [Fact]
    public void The_table_of_every_catalog_kind_is_provisioned()
    {
        var storage = File.ReadAllText(RepositoryPaths.Combine("infra", "bicep", "modules", "storage.bicep"));
        var provisioned = QuotedName().Matches(TableNames().Match(storage).Groups["names"].Value).Select(m => m.Groups[1].Value).ToHashSet();
        var kinds = typeof(CatalogKind).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(field => ((CatalogKind)field.GetValue(null)!).Plural)
            .ToList();

        Assert.NotEmpty(kinds);
        Assert.Empty(kinds.Except(provisioned));
    }

    [GeneratedRegex(@"var tableNames = \[(?<names>[^\]]*)\]")]
    private static partial Regex TableNames();

    [GeneratedRegex("'([a-z0-9]+)'")]
    private static partial Regex QuotedName();
}
