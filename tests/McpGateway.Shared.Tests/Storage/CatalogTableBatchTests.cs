using McpGateway.Shared.Storage;
using McpGateway.Shared.Storage.Snapshot;
using McpGateway.Testing;
using Microsoft.Extensions.Configuration;

namespace McpGateway.Shared.Tests.Storage;

/// <summary>
/// <see cref="CatalogTable{T}.ApplyAsync"/> against a real Azurite: many changes in few transactions, a conflict reported
/// in its change's result without failing the rest, a vanished item reported as not applied, and every committed
/// change told to the table's observer (the instance's snapshot).
/// </summary>
public sealed class CatalogTableBatchTests
{
    private readonly CatalogTable<Item> table;
    private readonly RecordingObserver observer = new();

    public CatalogTableBatchTests(AzuriteFixture azurite)
    {
        var storage = TestStorage.Unique(azurite.ConnectionString, "cb");
        table = storage.Table<Item>("items");
        table.Observe(observer);
    }

    public sealed record Item(string Id, string Name, int Value = 0) : ICatalogDocument
    {
        public IEnumerable<UniqueKey> UniqueKeys() => [new("name", Name, $"an item named '{Name}'")];
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Inserts_beyond_one_transaction_updates_and_deletes_are_all_applied_and_observed()
    {
        // 150 items with a key row each are 300 rows: at least three transactions of at most 100.
        var inserted = await table.ApplyAsync(
            Enumerable.Range(0, 150).Select(i => (CatalogChange<Item>)new CatalogChange<Item>.Insert(new Item($"i{i}", $"item-{i}"))).ToList(), Cancel);
        Assert.All(inserted, result => Assert.True(result.Applied));
        Assert.Equal(150, (await table.ListAsync(Cancel)).Count);

        var changed = await table.ApplyAsync(
        [
            new CatalogChange<Item>.Update("i1", item => item with { Value = 7, Name = "renamed" }),
            new CatalogChange<Item>.Delete("i2"),
        ], Cancel);

        Assert.All(changed, result => Assert.True(result.Applied));
        Assert.Equal(7, (await table.FindByKeyAsync("name", "renamed", Cancel))!.Document.Value);
        Assert.Null(await table.FindAsync("i2", Cancel));
        Assert.Equal(151, observer.Committed.Count);
        Assert.Equal(("i1", 7), (observer.Committed[^1].Document.Id, observer.Committed[^1].Document.Value));
        Assert.Equal(["i2"], observer.Deleted);
    }

    [Fact]
    public async Task A_conflicting_change_is_reported_in_its_result_and_the_others_are_applied()
    {
        await table.InsertAsync(new Item("taken", "taken-name"), null, Cancel);

        var results = await table.ApplyAsync(
        [
            new CatalogChange<Item>.Insert(new Item("fresh", "fresh-name")),
            new CatalogChange<Item>.Insert(new Item("clash", "taken-name")),
            new CatalogChange<Item>.Update("nowhere", item => item with { Value = 1 }),
            new CatalogChange<Item>.Delete("nowhere-either"),
        ], Cancel);

        Assert.True(results[0].Applied);
        Assert.Equal("name", results[1].Conflict?.Key?.Kind);
        Assert.False(results[2].Applied);
        Assert.False(results[3].Applied);
        Assert.NotNull(await table.FindAsync("fresh", Cancel));
        Assert.Null(await table.FindAsync("clash", Cancel));
        Assert.Equal("taken", (await table.FindByKeyAsync("name", "taken-name", Cancel))!.Document.Id);
    }

    private sealed class RecordingObserver : ICatalogTableObserver<Item>
    {
        public List<CatalogEntry<Item>> Committed { get; } = [];

        public List<string> Deleted { get; } = [];

        void ICatalogTableObserver<Item>.Committed(CatalogEntry<Item> entry) => Committed.Add(entry);

        void ICatalogTableObserver<Item>.Deleted(string id) => Deleted.Add(id);
    }
}
