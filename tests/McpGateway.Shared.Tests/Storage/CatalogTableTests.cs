using Azure.Storage.Blobs;
using McpGateway.Shared.Http;
using McpGateway.Shared.Storage;
using McpGateway.Testing;
using Microsoft.Extensions.Configuration;

namespace McpGateway.Shared.Tests.Storage;

/// <summary>CatalogTable against a real Azurite: uniqueness, lost-update freedom, history, blob spill and clean-up.</summary>
public sealed class CatalogTableTests
{
    private readonly CatalogStorage storage;
    private readonly BlobContainerClient container;

    public CatalogTableTests(AzuriteFixture azurite)
    {
        var prefix = "ct" + Guid.NewGuid().ToString("N")[..10];
        storage = TestStorage.On(azurite.ConnectionString, prefix);
        container = storage.Container;
    }

    public sealed record Note(string Id, string Name, IReadOnlyList<string> Lines, string Body = "") : ICatalogDocument
    {
        public IEnumerable<UniqueKey> UniqueKeys() => [new("name", Name, $"a note named '{Name}'")];
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Parallel_updates_are_all_applied()
    {
        var table = storage.Table<Note>("notes");
        await table.InsertAsync(new Note("n1", "parallel", []), null, Cancel);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            table.UpdateAsync("n1", e => e.Document with { Lines = [.. e.Document.Lines, $"line {i}"] }, Cancel)));

        var stored = await table.FindAsync("n1", Cancel);
        Assert.Equal(20, stored!.Document.Lines.Count);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"line {i}").Order(), stored.Document.Lines.Order());
        Assert.Equal(21, stored.Revision);
    }

    [Fact]
    public async Task Unique_keys_hold_on_insert_and_rename_and_free_up_on_delete()
    {
        var table = storage.Table<Note>("notes");
        await table.InsertAsync(new Note("a", "alpha", []), null, Cancel);
        await table.InsertAsync(new Note("b", "beta", []), null, Cancel);

        var duplicate = await Assert.ThrowsAsync<UniqueKeyConflictException>(() => table.InsertAsync(new Note("c", "alpha", []), null, Cancel));
        Assert.Equal("A note named 'alpha' already exists.", duplicate.Message);
        var rename = await Assert.ThrowsAsync<UniqueKeyConflictException>(() => table.UpdateAsync("b", e => e.Document with { Name = "alpha" }, Cancel));
        Assert.Equal("name", rename.Key?.Kind);
        Assert.Equal("beta", (await table.FindAsync("b", Cancel))!.Document.Name);

        await table.UpdateAsync("a", e => e.Document with { Name = "gamma" }, Cancel);
        Assert.Equal("a", (await table.FindByKeyAsync("name", "gamma", Cancel))!.Document.Id);
        Assert.Null(await table.FindByKeyAsync("name", "alpha", Cancel));

        await table.DeleteAsync("a", Cancel);
        await table.InsertAsync(new Note("d", "gamma", []), null, Cancel);
        Assert.Equal("d", (await table.FindByKeyAsync("name", "gamma", Cancel))!.Document.Id);
    }

    [Fact]
    public async Task Concurrent_inserts_of_one_name_admit_exactly_one()
    {
        var table = storage.Table<Note>("notes");
        var attempts = await Task.WhenAll(Enumerable.Range(0, 10).Select(async i =>
        {
            try
            {
                await table.InsertAsync(new Note($"race{i}", "contested", []), null, Cancel);
                return true;
            }
            catch (UniqueKeyConflictException)
            {
                return false;
            }
        }));

        Assert.Single(attempts, won => won);
        Assert.Single(await table.ListAsync(Cancel), e => e.Document.Name == "contested");
    }

    [Fact]
    public async Task Large_documents_and_content_spill_to_blobs_which_are_removed_with_the_item()
    {
        var table = storage.Table<Note>("notes", keepHistory: true);
        var bigBody = new string('x', 100_000);
        var bigContent = Enumerable.Range(0, 200_000).Select(i => (byte)i).ToArray();
        await table.InsertAsync(new Note("big", "big", [], bigBody), bigContent, Cancel);

        var stored = await table.FindAsync("big", Cancel);
        Assert.Equal(bigBody, stored!.Document.Body);
        Assert.Equal(bigContent, await table.ReadContentAsync(stored, Cancel));
        Assert.Equal(2, await BlobCountAsync());

        await table.UpdateAsync("big", e => e.Document with { Body = "small now" }, Cancel);
        var history = await table.ListHistoryAsync("big", Cancel);
        Assert.Equal(bigBody, Assert.Single(history).Document.Body);
        Assert.Equal(bigContent, await table.ReadContentAsync((await table.FindAsync("big", Cancel))!, Cancel));

        await table.DeleteAsync("big", Cancel);
        Assert.Equal(0, await BlobCountAsync());
        Assert.Empty(await table.ListHistoryAsync("big", Cancel));
    }

    [Fact]
    public async Task History_keeps_every_previous_revision_newest_first()
    {
        var table = storage.Table<Note>("notes", keepHistory: true);
        await table.InsertAsync(new Note("h", "history", ["v1"]), null, Cancel);
        await table.UpdateAsync("h", e => e.Document with { Lines = ["v2"] }, Cancel);
        await table.UpdateAsync("h", e => e.Document with { Lines = ["v3"] }, Cancel);

        var history = await table.ListHistoryAsync("h", Cancel);
        Assert.Equal(["v2", "v1"], history.Select(e => e.Document.Lines[0]));
        Assert.Equal([2, 1], history.Select(e => e.Revision));
        Assert.Equal(3, (await table.FindAsync("h", Cancel))!.Revision);
    }

    [Fact]
    public async Task Unique_values_too_long_for_a_row_key_are_found_and_stay_unique()
    {
        var table = storage.Table<Note>("notes");
        var name = new string('l', 12_000);
        await table.InsertAsync(new Note("long", name, []), null, Cancel);

        Assert.Equal("long", (await table.FindByKeyAsync("name", name, Cancel))!.Document.Id);
        Assert.Null(await table.FindByKeyAsync("name", name + "!", Cancel));
        var duplicate = await Assert.ThrowsAsync<UniqueKeyConflictException>(() => table.InsertAsync(new Note("other", name, []), null, Cancel));
        Assert.Equal(name, duplicate.Key?.Value);
    }

    [Fact]
    public async Task Ids_no_row_key_can_hold_find_nothing()
    {
        var table = storage.Table<Note>("notes", keepHistory: true);
        await table.InsertAsync(new Note("present", "present", []), null, Cancel);

        foreach (var id in new[] { new string('i', 20_000), "a/b", "a#b", "tab\there", "bell\u0007", "c1\u0085" })
        {
            Assert.Null(await table.FindAsync(id, Cancel));
            Assert.Empty(await table.ListHistoryAsync(id, Cancel));
        }
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("q?")]
    [InlineData("")]
    public async Task Inserting_an_id_no_row_key_can_hold_is_422_naming_the_id(string id)
    {
        var table = storage.Table<Note>("notes");

        var refused = await Assert.ThrowsAsync<InvalidItemIdException>(() => table.InsertAsync(new Note(id, $"bad id {id}", []), null, Cancel));

        var problem = ApiProblem.For(refused);
        Assert.Equal(422, problem.Status);
        Assert.Equal("id", problem.Field);
    }

    [Fact]
    public async Task Racing_deletes_and_updates_of_one_item_are_one_success_and_not_found()
    {
        var table = storage.Table<Note>("notes", keepHistory: true);
        for (var round = 0; round < 10; round++)
        {
            var id = $"race{round}";
            await table.InsertAsync(new Note(id, $"racing {round}", []), null, Cancel);

            var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
            {
                try
                {
                    if (i % 2 == 0)
                    {
                        await table.DeleteAsync(id, Cancel);
                        return "deleted";
                    }

                    await table.UpdateAsync(id, e => e.Document with { Lines = [.. e.Document.Lines, $"line {i}"] }, Cancel);
                    return "updated";
                }
                catch (CatalogStorageException refusal)
                {
                    return ApiProblem.For(refusal).Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
            }));

            Assert.All(outcomes, outcome => Assert.Contains(outcome, new[] { "deleted", "updated", "404" }));
            Assert.Single(outcomes, outcome => outcome == "deleted");
            Assert.Null(await table.FindAsync(id, Cancel));
        }
    }

    private async Task<int> BlobCountAsync()
    {
        var count = 0;
        await foreach (var _ in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, "notes/", Cancel))
        {
            count++;
        }

        return count;
    }
}
