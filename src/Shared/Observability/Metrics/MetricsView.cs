namespace McpGateway.Shared.Observability.Metrics;

/// <summary>
/// The stored roll-ups merged for reading, rebuilt in the background whenever rows arrive: per kind and per item, a
/// total and one roll-up per minute. Readers add this instance's live counts (<see cref="MetricsLedger"/>).
/// </summary>
internal sealed class MetricsView
{
    private static readonly IReadOnlyDictionary<long, MetricsRollup> NoMinutes = new Dictionary<long, MetricsRollup>();

    private MetricsView(long version, Dictionary<string, RollupSeries> kinds, Dictionary<(string Kind, string ItemId), RollupSeries> items)
    {
        Version = version;
        Kinds = kinds;
        Items = items;
    }

    public static MetricsView Empty { get; } = new(0, [], []);

    /// <summary>Grows with each rebuild; a live minute settled into version v is read from views of version v on.</summary>
    public long Version { get; }

    public IReadOnlyDictionary<string, RollupSeries> Kinds { get; }

    public IReadOnlyDictionary<(string Kind, string ItemId), RollupSeries> Items { get; }

    public static MetricsView Build(long version, IEnumerable<KeyValuePair<RollupKey, MetricsRollup>> rows)
    {
        var byItem = new Dictionary<(string Kind, string ItemId), Dictionary<long, List<MetricsRollup>>>();
        foreach (var (key, rollup) in rows)
        {
            if (!byItem.TryGetValue((key.Kind, key.ItemId), out var minutes))
            {
                byItem[(key.Kind, key.ItemId)] = minutes = [];
            }

            if (!minutes.TryGetValue(key.Minute, out var instances))
            {
                minutes[key.Minute] = instances = [];
            }

            instances.Add(rollup);
        }

        var items = byItem.ToDictionary(item => item.Key, item => RollupSeries.Of(item.Value.ToDictionary(m => m.Key, m => MetricsRollup.Merge(m.Value))));
        var kinds = items.GroupBy(item => item.Key.Kind).ToDictionary(
            kind => kind.Key,
            kind => RollupSeries.Of(kind.SelectMany(item => item.Value.Minutes).GroupBy(m => m.Key).ToDictionary(m => m.Key, m => MetricsRollup.Merge(m.Select(r => r.Value)))));
        return new MetricsView(version, kinds, items);
    }

    public RollupSeries Kind(string kind) => Kinds.GetValueOrDefault(kind) ?? RollupSeries.None;

    public RollupSeries Item(string kind, string itemId) => Items.GetValueOrDefault((kind, itemId)) ?? RollupSeries.None;

    /// <summary>An item's or a kind's roll-up per minute and their total.</summary>
    internal sealed record RollupSeries(MetricsRollup Total, IReadOnlyDictionary<long, MetricsRollup> Minutes)
    {
        public static RollupSeries None { get; } = new(MetricsRollup.Empty, NoMinutes);

        public static RollupSeries Of(Dictionary<long, MetricsRollup> minutes) => new(MetricsRollup.Merge(minutes.Values), minutes);
    }
}
