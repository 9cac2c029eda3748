using McpGateway.Shared.Storage;

namespace McpGateway.Shared.Catalog.Snapshot;

/// <summary>
/// The items of a kind that <see cref="Includes"/> admits, sorted by a key (ordinal; ties broken by id). The array is
/// replaced, never changed, so a reader walks a consistent state without a lock, and a page starts with a binary
/// search: a list is O(log n + page) however many items there are.
/// </summary>
/// <param name="key">The sort key, such as a tool's name; a cursor names the key of the last item of a page.</param>
/// <param name="includes">Which items the index holds (resource templates only, concrete resources only...).</param>
public sealed class SortedIndex<T>(Func<T, string> key, Func<T, bool>? includes = null)
    where T : class, ICatalogDocument
{
    private Slot[] slots = [];

    public int Count => slots.Length;

    public string KeyOf(T document) => key(document);

    public bool Includes(T document) => includes?.Invoke(document) ?? true;

    /// <summary>The items whose key sorts after <paramref name="afterKey"/> (all of them for null), in order.</summary>
    public IEnumerable<CatalogEntry<T>> After(string? afterKey)
    {
        var current = slots;
        for (var i = afterKey is null ? 0 : FirstAfter(current, afterKey); i < current.Length; i++)
        {
            yield return current[i].Entry;
        }
    }

    /// <summary>Replaces <paramref name="previous"/> with <paramref name="current"/> (either may be null). Called under the snapshot's lock.</summary>
    internal void Replace(CatalogEntry<T>? previous, CatalogEntry<T>? current)
    {
        var next = new List<Slot>(slots);
        if (previous is not null && Includes(previous.Document))
        {
            var at = next.BinarySearch(new Slot(key(previous.Document), previous.Document.Id, previous), SlotOrder.Instance);
            if (at >= 0)
            {
                next.RemoveAt(at);
            }
        }

        if (current is not null && Includes(current.Document))
        {
            var slot = new Slot(key(current.Document), current.Document.Id, current);
            var at = next.BinarySearch(slot, SlotOrder.Instance);
            if (at >= 0)
            {
                next[at] = slot;
            }
            else
            {
                next.Insert(~at, slot);
            }
        }

        slots = [.. next];
    }

    /// <summary>Holds exactly <paramref name="entries"/>. Called under the snapshot's lock.</summary>
    internal void Reset(IEnumerable<CatalogEntry<T>> entries)
    {
        var next = entries.Where(e => Includes(e.Document)).Select(e => new Slot(key(e.Document), e.Document.Id, e)).ToArray();
        Array.Sort(next, SlotOrder.Instance);
        slots = next;
    }

    /// <summary>The position of the first slot whose key sorts after <paramref name="afterKey"/>.</summary>
    private static int FirstAfter(Slot[] sorted, string afterKey)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (string.CompareOrdinal(sorted[middle].Key, afterKey) <= 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private readonly record struct Slot(string Key, string Id, CatalogEntry<T> Entry);

    private sealed class SlotOrder : IComparer<Slot>
    {
        public static readonly SlotOrder Instance = new();

        public int Compare(Slot x, Slot y)
        {
            var byKey = string.CompareOrdinal(x.Key, y.Key);
            return byKey != 0 ? byKey : string.CompareOrdinal(x.Id, y.Id);
        }
    }
}
