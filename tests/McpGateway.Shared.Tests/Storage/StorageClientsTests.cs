using McpGateway.Shared.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace McpGateway.Shared.Tests.Storage;

/// <summary>Which account the catalog connects to, and how, from the named connection settings.</summary>
public sealed class StorageClientsTests
{
    private static StorageClients From(params (string Key, string Value)[] settings) =>
        StorageClients.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build());

    [Fact]
    public void Nothing_configured_means_local_azurite()
    {
        var clients = From();
        Assert.Equal("devstoreaccount1", clients.Tables.AccountName);
        Assert.Equal("127.0.0.1", clients.Blobs.Uri.Host);
    }

    [Fact]
    public void Account_name_means_managed_identity_against_the_public_endpoints()
    {
        var clients = From(("CatalogStorage:accountName", "mcpgwprod"), ("CatalogStorage:credential", "managedidentity"), ("CatalogStorage:clientId", "00000000-0000-0000-0000-000000000001"));
        Assert.Equal(new Uri("https://mcpgwprod.table.core.windows.net/"), clients.Tables.Uri);
        Assert.Equal(new Uri("https://mcpgwprod.blob.core.windows.net/"), clients.Blobs.Uri);
    }

    [Fact]
    public void Explicit_service_uris_win_and_azure_web_jobs_storage_is_the_fallback()
    {
        var clients = From(
            ("AzureWebJobsStorage:tableServiceUri", "https://tables.example.net/"),
            ("AzureWebJobsStorage:blobServiceUri", "https://blobs.example.net/"));
        Assert.Equal(new Uri("https://tables.example.net/"), clients.Tables.Uri);
        Assert.Equal(new Uri("https://blobs.example.net/"), clients.Blobs.Uri);
    }

    [Fact]
    public void Identity_settings_without_an_account_name_explain_what_is_missing()
    {
        var error = Assert.Throws<OptionsValidationException>(() => From(("CatalogStorage:clientId", "abc")));
        Assert.Contains("CatalogStorage__accountName", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AccountName=devstoreaccount1;AccountKey=not-base64!;TableEndpoint=http://127.0.0.1:9/a;BlobEndpoint=http://127.0.0.1:9/a")]
    [InlineData("only-a-secret-looking-value")]
    public void A_malformed_connection_string_is_a_bad_setting_that_never_quotes_it(string connectionString)
    {
        var error = Assert.Throws<OptionsValidationException>(() => From(("CatalogStorage", connectionString)));
        Assert.Equal("CatalogStorage", error.OptionsName);
        Assert.DoesNotContain("not-base64", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("only-a-secret-looking-value", error.Message, StringComparison.Ordinal);
    }
}
