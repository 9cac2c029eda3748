using McpGateway.Shared.Storage;
using McpGateway.Testing;

namespace McpGateway.Shared.Tests.Storage;

/// <summary>Storage that cannot be reached fails every call with the one domain exception, whichever call it was.</summary>
public sealed class StorageUnavailableTests
{
    [Fact]
    public async Task Calls_to_storage_nobody_listens_on_throw_StorageUnavailableException()
    {
        var port = FreePorts.Take(1)[0];
        var connection = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + Convert.ToBase64String(new byte[64]) + ";"
            + $"TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1";
        var storage = TestStorage.On(connection, prefix: null);
        var table = storage.Table<CatalogTableTests.Note>("notes");

        await Assert.ThrowsAsync<StorageUnavailableException>(() => table.FindAsync("n1", TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => table.ListAsync(TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => storage.RoundTripAsync(TestContext.Current.CancellationToken));
    }
}
