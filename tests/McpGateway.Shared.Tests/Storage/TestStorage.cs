using McpGateway.Shared.Configuration;
using McpGateway.Shared.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace McpGateway.Shared.Tests.Storage;

/// <summary>Catalog storage for a test: on a connection string (Azurite's, or one that leads nowhere) and under a prefix.</summary>
internal static class TestStorage
{
    /// <summary>Storage under a prefix no other test uses: <paramref name="stem"/> and a random part.</summary>
    public static CatalogStorage Unique(string connectionString, string stem) => On(connectionString, stem + Guid.NewGuid().ToString("N")[..10]);

    /// <param name="prefix">The table and container prefix; null for the setting's default.</param>
    public static CatalogStorage On(string connectionString, string? prefix)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["CatalogStorage"] = connectionString }).Build();
        var options = new StorageOptions();
        options.Prefix = prefix ?? options.Prefix;
        return new CatalogStorage(StorageClients.FromConfiguration(configuration), Options.Create(options));
    }
}
