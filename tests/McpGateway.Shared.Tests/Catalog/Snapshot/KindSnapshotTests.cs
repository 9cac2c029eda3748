using McpGateway.Shared.Catalog.Snapshot;
using McpGateway.Shared.Catalog.Tools;
using static McpGateway.Shared.Tests.Catalog.Snapshot.SnapshotItems;

namespace McpGateway.Shared.Tests.Catalog.Snapshot;

/// <summary>
/// A kind's snapshot without storage: lookups by id and unique key, indexes kept in step, and the order of applies
/// (a follower read that started before a local write never undoes it).
/// </summary>
public sealed class KindSnapshotTests
{
    private readonly KindSnapshot<ToolRecord> snapshot = new();
    private readonly SortedIndex<ToolRecord> byName;

    public KindSnapshotTests() => byName = snapshot.AddIndex(new SortedIndex<ToolRecord>(t => t.Name));

    [Fact]
    public void Finds_items_by_id_and_by_name_and_follows_a_rename()
    {
        snapshot.Committed(Entry(Tool("t1", "clock")));
        snapshot.Committed(Entry(Tool("t2", "weather")));

        Assert.Equal("clock", snapshot.Find("t1")!.Document.Name);
        Assert.Equal("t2", snapshot.FindByKey("name", "weather")!.Document.Id);

        snapshot.Committed(Entry(Tool("t1", "time"), revision: 2));

        Assert.Null(snapshot.FindByKey("name", "clock"));
        Assert.Equal("t1", snapshot.FindByKey("name", "time")!.Document.Id);
        Assert.Equal(["time", "weather"], byName.After(null).Select(e => e.Document.Name));
        Assert.Equal(2, snapshot.Count);
    }

    [Fact]
    public void A_name_another_item_took_meanwhile_stays_with_it_when_the_first_item_goes()
    {
        snapshot.Committed(Entry(Tool("t1", "clock")));
        snapshot.Committed(Entry(Tool("t2", "clock")));

        snapshot.Deleted("t1");

        Assert.Equal("t2", snapshot.FindByKey("name", "clock")!.Document.Id);
        Assert.Equal(["t2"], byName.After(null).Select(e => e.Document.Id));
    }

    [Fact]
    public void A_follower_read_that_started_before_a_local_delete_does_not_bring_the_item_back()
    {
        var stale = Entry(Tool("t1", "doomed"));
        snapshot.Committed(stale);

        var readStarted = snapshot.BeginRead();
        snapshot.Deleted("t1");
        snapshot.Refresh("t1", stale, readStarted);

        Assert.Null(snapshot.Find("t1"));
        Assert.Null(snapshot.FindByKey("name", "doomed"));
        Assert.Empty(byName.After(null));
    }

    [Fact]
    public void A_follower_read_that_started_before_a_local_update_does_not_undo_it()
    {
        snapshot.Committed(Entry(Tool("t1", "old")));
        var readStarted = snapshot.BeginRead();
        snapshot.Committed(Entry(Tool("t1", "new"), revision: 2));

        snapshot.Refresh("t1", Entry(Tool("t1", "old")), readStarted);

        Assert.Equal("new", snapshot.Find("t1")!.Document.Name);
        Assert.Equal(["new"], byName.After(null).Select(e => e.Document.Name));
    }

    [Fact]
    public void A_read_started_after_a_delete_applies_so_an_item_created_again_with_its_id_appears()
    {
        snapshot.Committed(Entry(Tool("t1", "phoenix")));
        snapshot.Deleted("t1");

        var readStarted = snapshot.BeginRead();
        snapshot.Refresh("t1", Entry(Tool("t1", "phoenix")), readStarted);

        Assert.Equal("phoenix", snapshot.Find("t1")!.Document.Name);
    }

    [Fact]
    public void A_read_that_finds_nothing_removes_the_item()
    {
        snapshot.Committed(Entry(Tool("t1", "gone-elsewhere")));

        snapshot.Refresh("t1", null, snapshot.BeginRead());

        Assert.Null(snapshot.Find("t1"));
        Assert.Empty(byName.After(null));
    }

    [Fact]
    public void A_full_reload_replaces_everything_but_what_changed_locally_while_it_read()
    {
        snapshot.Committed(Entry(Tool("kept", "kept")));
        snapshot.Committed(Entry(Tool("vanished", "vanished")));
        snapshot.Committed(Entry(Tool("deleted-meanwhile", "deleted-meanwhile")));

        var readStarted = snapshot.BeginRead();
        var stored = new[] { Entry(Tool("kept", "kept")), Entry(Tool("deleted-meanwhile", "deleted-meanwhile")), Entry(Tool("added", "added")), Entry(Tool("renamed-meanwhile", "before")) };
        snapshot.Deleted("deleted-meanwhile");
        snapshot.Committed(Entry(Tool("created-meanwhile", "created-meanwhile")));
        snapshot.Committed(Entry(Tool("renamed-meanwhile", "after"), revision: 2));
        snapshot.ReplaceAll(stored, readStarted);

        Assert.Equal(
            ["added", "after", "created-meanwhile", "kept"],
            byName.After(null).Select(e => e.Document.Name));
        Assert.Null(snapshot.FindByKey("name", "before"));
        Assert.Null(snapshot.Find("vanished"));
    }

    [Fact]
    public void An_index_added_later_starts_with_every_item()
    {
        snapshot.Committed(Entry(Tool("t1", "b")));
        snapshot.Committed(Entry(Tool("t2", "a")));

        var byId = snapshot.AddIndex(new SortedIndex<ToolRecord>(t => t.Id));

        Assert.Equal(["t1", "t2"], byId.After(null).Select(e => e.Document.Id));
    }
}
