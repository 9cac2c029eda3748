using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace McpGateway.Shared.Storage;

/// <summary>
/// The Table and Blob clients of the catalog's storage account, built from the named connection
/// <c>CatalogStorage</c> (falling back to <c>AzureWebJobsStorage</c>, then to local Azurite). A
/// connection is either a connection string or, the secure way on Azure, a set of
/// <c>accountName</c> / <c>tableServiceUri</c> / <c>blobServiceUri</c> / <c>credential</c> /
/// <c>clientId</c> values used with a managed identity.
/// </summary>
public sealed class StorageClients
{
    public const string ConnectionName = "CatalogStorage";
    public const string FallbackConnectionName = "AzureWebJobsStorage";
    private const string LocalEmulator = "UseDevelopmentStorage=true";

    private StorageClients(TableServiceClient tables, BlobServiceClient blobs)
    {
        Tables = tables;
        Blobs = blobs;
    }

    public TableServiceClient Tables { get; }

    public BlobServiceClient Blobs { get; }

    public static StorageClients FromConfiguration(IConfiguration configuration)
    {
        var section = new[] { ConnectionName, FallbackConnectionName }
            .Select(configuration.GetSection)
            .FirstOrDefault(s => !string.IsNullOrWhiteSpace(s.Value) || s.GetChildren().Any());

        if (section is null)
        {
            return FromConnectionString(LocalEmulator);
        }

        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            try
            {
                return FromConnectionString(section.Value);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
            {
                // The SDK's message may quote the string, which holds the account key: say what is expected instead.
                throw BadSetting(section,
                    $"{section.Path} is not a valid storage connection string: expected 'UseDevelopmentStorage=true' or "
                    + "';'-separated Key=Value pairs (AccountName, a Base64 AccountKey, TableEndpoint and BlobEndpoint URLs).");
            }
        }

        return FromIdentity(section);
    }

    private static StorageClients FromConnectionString(string connectionString) =>
        new(new TableServiceClient(connectionString, Configure(new TableClientOptions())),
            new BlobServiceClient(connectionString, Configure(new BlobClientOptions())));

    private static StorageClients FromIdentity(IConfigurationSection section)
    {
        var account = section["accountName"];
        var tableUri = section["tableServiceUri"] ?? (account is null ? null : $"https://{account}.table.core.windows.net");
        var blobUri = section["blobServiceUri"] ?? (account is null ? null : $"https://{account}.blob.core.windows.net");
        if (tableUri is null || blobUri is null)
        {
            throw BadSetting(section,
                $"{section.Path} must be a connection string, or set {section.Path}__accountName (or both __tableServiceUri and __blobServiceUri).");
        }

        var credential = CreateCredential(section["credential"], section["clientId"]);
        return new StorageClients(
            new TableServiceClient(new Uri(tableUri), credential, Configure(new TableClientOptions())),
            new BlobServiceClient(new Uri(blobUri), credential, Configure(new BlobClientOptions())));
    }

    private static OptionsValidationException BadSetting(IConfigurationSection section, string message) =>
        new(section.Path, typeof(StorageClients), [message]);

    private static TokenCredential CreateCredential(string? kind, string? clientId) =>
        string.Equals(kind, "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(clientId is null ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });

    /// <summary>Fails fast, as <see cref="StorageUnavailableException"/>, when storage is down, so the API can answer 503 instead of hanging.</summary>
    private static T Configure<T>(T options)
        where T : ClientOptions
    {
        options.AddPolicy(new StorageUnavailablePolicy(), HttpPipelinePosition.PerCall);
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(100);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(1);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
        return options;
    }
}
