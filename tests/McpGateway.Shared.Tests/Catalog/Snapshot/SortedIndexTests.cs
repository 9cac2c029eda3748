using McpGateway.Shared.Catalog.Resources;
using McpGateway.Shared.Catalog.Snapshot;
using McpGateway.Shared.Catalog.Tools;
using McpGateway.Shared.Http;
using static McpGateway.Shared.Tests.Catalog.Snapshot.SnapshotItems;

namespace McpGateway.Shared.Tests.Catalog.Snapshot;

/// <summary>Sorted indexes and the keyset pages read from them.</summary>
public sealed class SortedIndexTests
{
    [Fact]
    public void Starts_after_a_key_that_no_item_has()
    {
        var snapshot = new KindSnapshot<ToolRecord>();
        var index = snapshot.AddIndex(new SortedIndex<ToolRecord>(t => t.Name));
        foreach (var name in new[] { "delta", "alpha", "charlie", "echo" })
        {
            snapshot.Committed(Entry(Tool(name, name)));
        }

        Assert.Equal(["charlie", "delta", "echo"], index.After("bravo").Select(e => e.Document.Name));
        Assert.Equal(["echo"], index.After("delta").Select(e => e.Document.Name));
        Assert.Empty(index.After("foxtrot"));
    }

    [Fact]
    public void Holds_only_what_it_includes_and_follows_an_item_that_changes_sides()
    {
        var snapshot = new KindSnapshot<ResourceRecord>();
        var templates = snapshot.AddIndex(new SortedIndex<ResourceRecord>(r => r.Uri, r => r.IsTemplate));
        snapshot.Committed(Entry(Resource("r1", "file:///a")));
        snapshot.Committed(Entry(Resource("r2", "file:///{name}", template: true)));

        Assert.Equal(["r2"], templates.After(null).Select(e => e.Document.Id));

        snapshot.Committed(Entry(Resource("r2", "file:///b")));

        Assert.Empty(templates.After(null));
    }

    [Fact]
    public void Pages_cover_every_item_once_in_order_while_items_come_and_go()
    {
        var snapshot = new KindSnapshot<ToolRecord>();
        var index = snapshot.AddIndex(new SortedIndex<ToolRecord>(t => t.Name));
        for (var i = 0; i < 1000; i++)
        {
            snapshot.Committed(Entry(Tool($"t{i}", $"tool-{i:D4}")));
        }

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var (page, next) = KeysetPage.Take(index.After, e => e.Document.Name, cursor, 100, () => new InvalidOperationException("bad cursor"));
            Assert.True(page.Count <= 100);
            seen.AddRange(page.Select(e => e.Document.Name));
            snapshot.Deleted($"t{seen.Count - 1}"); // an item already listed goes; it must not shift the next page
            cursor = next;
        }
        while (cursor is not null);

        Assert.Equal(Enumerable.Range(0, 1000).Select(i => $"tool-{i:D4}"), seen);
    }
}
