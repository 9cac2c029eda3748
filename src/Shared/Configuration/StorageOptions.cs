using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace McpGateway.Shared.Configuration;

/// <summary>
/// Where the catalog lives. The connection itself is the named connection <c>CatalogStorage</c>
/// (a connection string, or <c>CatalogStorage__accountName</c> / <c>__tableServiceUri</c> /
/// <c>__blobServiceUri</c> / <c>__credential</c> / <c>__clientId</c> for managed identity), falling back to
/// <c>AzureWebJobsStorage</c> and then to the local Azurite emulator.
/// </summary>
public sealed class StorageOptions
{
    /// <summary>Prefix of every table and blob container, so several gateways can share an account.</summary>
    [ConfigurationKeyName("STORAGE_PREFIX")]
    [RegularExpression("^[a-z][a-z0-9]{0,19}$", ErrorMessage = "STORAGE_PREFIX must be 1 to 20 lowercase letters or digits, starting with a letter.")]
    public string Prefix { get; set; } = "mcpgw";

    /// <summary>Seconds a client is asked to wait (Retry-After) when storage cannot be reached.</summary>
    [ConfigurationKeyName("STORAGE_RETRY_AFTER")]
    [Range(1, 3600, ErrorMessage = "STORAGE_RETRY_AFTER must be between {1} and {2} seconds.")]
    public int RetryAfterSeconds { get; set; } = 5;
}
