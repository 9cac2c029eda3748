using System.Collections.Concurrent;
using McpGateway.Shared.Storage;
using McpGateway.Shared.Storage.Snapshot;

namespace McpGateway.Shared.Catalog.Snapshot;

/// <summary>
/// The items of one catalog kind held in memory, by id, by each unique key (a name, a URI) and in the sorted orders
/// lists page through. Two kinds of change reach it:
/// <list type="bullet">
/// <item>this instance's own writes (<see cref="ICatalogTableObserver{T}"/>), applied as storage commits them;</item>
/// <item>what the follower reads back from storage for another instance's write (<see cref="Refresh"/>,
/// <see cref="ReplaceAll"/>). Such a read may have started before a local write to the same item and return the
/// state that write replaced: each item remembers the generation of its last change (a deleted one as a tombstone),
/// and a read started before that generation is dropped, so a delete is never undone by a stale read.</item>
/// </list>
/// </summary>
public sealed class KindSnapshot<T> : ICatalogTableObserver<T>
    where T : class, ICatalogDocument
{
    private readonly object gate = new();
    private readonly ConcurrentDictionary<string, CatalogEntry<T>> byId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Kind, string Value), string> byKey = new();
    private readonly Dictionary<string, long> changedAt = new(StringComparer.Ordinal);
    private IReadOnlyList<SortedIndex<T>> indexes = [];
    private long generation;

    public int Count => byId.Count;

    public CatalogEntry<T>? Find(string id) => byId.GetValueOrDefault(id);

    /// <summary>The item holding a unique key, such as the tool named "clock" (kind "name").</summary>
    public CatalogEntry<T>? FindByKey(string kind, string value) =>
        byKey.TryGetValue((kind, value), out var id) ? byId.GetValueOrDefault(id) : null;

    /// <summary>Keeps <paramref name="index"/> in step with the snapshot from now on: each list declares the order it pages in.</summary>
    public SortedIndex<T> AddIndex(SortedIndex<T> index)
    {
        lock (gate)
        {
            index.Reset(byId.Values);
            indexes = [.. indexes, index];
            return index;
        }
    }

    /// <summary>The generation a follower read starts at; pass it back with what the read returned.</summary>
    /// <remarks>
    /// The follower reads one thing at a time, so when it starts a read no earlier read is still in flight: tombstones,
    /// which only guard against reads started before them, can go.
    /// </remarks>
    public long BeginRead()
    {
        lock (gate)
        {
            foreach (var id in changedAt.Keys.Where(id => !byId.ContainsKey(id)).ToList())
            {
                changedAt.Remove(id);
            }

            return generation;
        }
    }

    public void Committed(CatalogEntry<T> entry)
    {
        lock (gate)
        {
            Set(entry.Document.Id, entry);
        }
    }

    public void Deleted(string id)
    {
        lock (gate)
        {
            Set(id, null);
        }
    }

    /// <summary>Applies what storage held for <paramref name="id"/> (null: nothing) when a read started at <paramref name="readStartedAt"/>.</summary>
    public void Refresh(string id, CatalogEntry<T>? stored, long readStartedAt)
    {
        lock (gate)
        {
            if (!ChangedSince(id, readStartedAt))
            {
                Set(id, stored);
            }
        }
    }

    /// <summary>Makes the snapshot what a full read of the table, started at <paramref name="readStartedAt"/>, returned.</summary>
    public void ReplaceAll(IReadOnlyList<CatalogEntry<T>> stored, long readStartedAt)
    {
        lock (gate)
        {
            var storedIds = stored.Select(e => e.Document.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var id in byId.Keys.Where(id => !storedIds.Contains(id) && !ChangedSince(id, readStartedAt)).ToList())
            {
                Remove(id);
            }

            foreach (var entry in stored.Where(e => !ChangedSince(e.Document.Id, readStartedAt)))
            {
                Put(entry);
            }

            generation++;
            foreach (var index in indexes)
            {
                index.Reset(byId.Values);
            }
        }
    }

    private bool ChangedSince(string id, long readStartedAt) => changedAt.TryGetValue(id, out var at) && at > readStartedAt;

    private void Set(string id, CatalogEntry<T>? entry)
    {
        var previous = byId.GetValueOrDefault(id);
        if (entry is null)
        {
            Remove(id);
        }
        else
        {
            Put(entry);
        }

        changedAt[id] = ++generation;
        foreach (var index in indexes)
        {
            index.Replace(previous, entry);
        }
    }

    private void Put(CatalogEntry<T> entry)
    {
        var id = entry.Document.Id;
        if (byId.TryGetValue(id, out var previous))
        {
            RemoveKeys(previous);
        }

        byId[id] = entry;
        foreach (var key in entry.Document.UniqueKeys())
        {
            byKey[(key.Kind, key.Value)] = id;
        }
    }

    private void Remove(string id)
    {
        if (byId.TryRemove(id, out var previous))
        {
            RemoveKeys(previous);
        }
    }

    /// <summary>Drops the keys an item held, unless another item holds one by now.</summary>
    private void RemoveKeys(CatalogEntry<T> entry)
    {
        foreach (var key in entry.Document.UniqueKeys())
        {
            byKey.TryRemove(KeyValuePair.Create((key.Kind, key.Value), entry.Document.Id));
        }
    }
}
