using System.Globalization;
using System.Text.Json.Nodes;
using Azure;
using McpGateway.Shared.Catalog.Snapshot;
using McpGateway.Shared.Http;
using McpGateway.Shared.Notifications;
using McpGateway.Shared.Observability;
using McpGateway.Shared.Storage;

namespace McpGateway.Shared.Catalog;

/// <summary>
/// The operations every catalog kind offers (list, get, create, update, toggle, delete), written once
/// over a <see cref="CatalogTable{T}"/>. A kind supplies its validation and its response shape. Every change made
/// through it is published as an event (added, updated, resource_updated, toggled, removed). Reads answer from the
/// kind's <see cref="KindSnapshot{T}"/>; writes go to storage, which hands what it committed to the snapshot.
/// </summary>
public abstract class CatalogService<TRecord, TInput> : ICatalogReader
    where TRecord : class, ICatalogItem
{
    private readonly CatalogTable<TRecord> table;
    private readonly ICatalogReadiness readiness;
    private readonly MetricsStore metrics;
    private readonly EventPublisher events;
    private readonly TimeProvider time;

    protected CatalogService(CatalogTable<TRecord> table, ICatalogReadiness readiness, MetricsStore metrics, EventPublisher events, TimeProvider time)
    {
        this.table = table;
        this.readiness = readiness;
        this.metrics = metrics;
        this.events = events;
        this.time = time;
        table.Observe(Snapshot);
        Created = Snapshot.AddIndex(new SortedIndex<TRecord>(CreatedKey));
    }

    public abstract CatalogKind Kind { get; }

    public CatalogTable<TRecord> Table => table;

    /// <summary>This instance's copy of the kind, which every read answers from.</summary>
    public KindSnapshot<TRecord> Snapshot { get; } = new();

    /// <summary>How the follower keeps <see cref="Snapshot"/> current.</summary>
    public ISnapshotSource SnapshotSource => new SnapshotSource<TRecord>(Kind.Singular, table, Snapshot);

    /// <summary>The REST list order: oldest first.</summary>
    private SortedIndex<TRecord> Created { get; }

    protected MetricsStore Metrics => metrics;

    protected TimeProvider Time => time;

    /// <summary>Validates a create body and builds the stored record.</summary>
    protected abstract TRecord Create(TInput input, string id, DateTimeOffset now);

    /// <summary>Validates an update body and applies the members it sets to <paramref name="current"/>.</summary>
    protected abstract TRecord Update(TRecord current, TInput input, DateTimeOffset now);

    protected abstract TRecord WithEnabled(TRecord record, bool enabled, DateTimeOffset now);

    /// <summary>The response shape of an item, with secrets masked.</summary>
    public abstract object ToRead(CatalogEntry<TRecord> entry, MetricsSummary metricsSummary);

    /// <summary>Content stored beside the record (resources), or null to leave it as it is.</summary>
    protected virtual ReadOnlyMemory<byte>? ContentOf(TInput input) => null;

    /// <summary>Resolves what a body refers to in storage (a server's associated items) before the synchronous Create/Update see it.</summary>
    protected virtual Task<TInput> PrepareAsync(TInput input, CancellationToken cancellationToken) => Task.FromResult(input);

    /// <summary>What events about an item say of it: never a secret, small enough for every stream.</summary>
    protected virtual JsonObject Summary(TRecord record) => new() { ["name"] = record.Name, ["enabled"] = record.Enabled };

    /// <summary>
    /// Whether MCP endpoints serve the item, as REST lists and reads show it: its own switch, and for a federated item
    /// its peer's as well.
    /// </summary>
    protected virtual bool IsActive(TRecord record) => record.Enabled;

    /// <summary>The unique key a path segment may name instead of an id ("name" for most kinds, "uri" for resources).</summary>
    protected virtual string AlternateKey => "name";

    public async Task<CatalogEntry<TRecord>?> FindAsync(string idOrKey, CancellationToken cancellationToken)
    {
        await readiness.WaitAsync(cancellationToken).ConfigureAwait(false);
        return Find(idOrKey);
    }

    public async Task<CatalogEntry<TRecord>> GetAsync(string idOrKey, CancellationToken cancellationToken) =>
        await FindAsync(idOrKey, cancellationToken).ConfigureAwait(false) ?? throw NotFound(idOrKey);

    /// <summary>Every item, oldest first.</summary>
    public async Task<IReadOnlyList<CatalogEntry<TRecord>>> ListAsync(CancellationToken cancellationToken)
    {
        await readiness.WaitAsync(cancellationToken).ConfigureAwait(false);
        return Created.After(null).ToList();
    }

    public async Task<CatalogEntry<TRecord>> CreateAsync(TInput input, CancellationToken cancellationToken)
    {
        input = await PrepareAsync(input, cancellationToken).ConfigureAwait(false);
        var record = Create(input, Guid.NewGuid().ToString("N"), time.GetUtcNow());
        var created = await table.InsertAsync(record, ContentOf(input), cancellationToken).ConfigureAwait(false);
        await PublishAsync(EventTypes.Added, created.Document).ConfigureAwait(false);
        return created;
    }

    public async Task<CatalogEntry<TRecord>> UpdateAsync(string idOrKey, TInput input, ETag? ifMatch, CancellationToken cancellationToken)
    {
        var id = (await ResolveAsync(idOrKey, cancellationToken).ConfigureAwait(false)).Document.Id;
        input = await PrepareAsync(input, cancellationToken).ConfigureAwait(false);
        var content = ContentOf(input);
        var updated = await table.UpdateAsync(id, entry => Update(entry.Document, input, time.GetUtcNow()), cancellationToken, ifMatch, content)
            .ConfigureAwait(false);
        await PublishAsync(EventTypes.Updated, updated.Document).ConfigureAwait(false);
        if (content is not null)
        {
            await PublishAsync(EventTypes.ResourceUpdated, updated.Document).ConfigureAwait(false);
        }

        return updated;
    }

    public async Task<CatalogEntry<TRecord>> SetEnabledAsync(string idOrKey, bool enabled, CancellationToken cancellationToken)
    {
        var id = (await ResolveAsync(idOrKey, cancellationToken).ConfigureAwait(false)).Document.Id;
        var toggled = await table.UpdateAsync(id, entry => WithEnabled(entry.Document, enabled, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        await PublishAsync(EventTypes.Toggled, toggled.Document).ConfigureAwait(false);
        return toggled;
    }

    public async Task<TRecord> DeleteAsync(string idOrKey, CancellationToken cancellationToken)
    {
        var entry = await ResolveAsync(idOrKey, cancellationToken).ConfigureAwait(false);
        await table.DeleteAsync(entry.Document.Id, cancellationToken).ConfigureAwait(false);
        await metrics.ResetAsync(Kind.Singular, entry.Document.Id, cancellationToken).ConfigureAwait(false);
        await PublishAsync(EventTypes.Removed, entry.Document).ConfigureAwait(false);
        return entry.Document;
    }

    /// <summary>Publishes an event about an item of this kind (for changes a kind makes beside the operations above).</summary>
    protected Task PublishAsync(string type, TRecord record) => events.PublishAsync(type, Kind.Singular, record.Id, Summary(record));

    public async Task<string?> FindIdAsync(string idOrKey, CancellationToken cancellationToken) =>
        (await FindAsync(idOrKey, cancellationToken).ConfigureAwait(false))?.Document.Id;

    public async Task<IReadOnlyList<object>> ReadManyAsync(IReadOnlyList<string> ids, bool includeInactive, CancellationToken cancellationToken)
    {
        await readiness.WaitAsync(cancellationToken).ConfigureAwait(false);
        return ids
            .Select(Snapshot.Find)
            .OfType<CatalogEntry<TRecord>>()
            .Where(e => includeInactive || IsActive(e.Document))
            .Select(ReadWithMetrics)
            .ToList();
    }

    public Task<object> ReadAsync(CatalogEntry<TRecord> entry, CancellationToken cancellationToken) => Task.FromResult(ReadWithMetrics(entry));

    /// <summary>
    /// Applies many changes at once (a federation sync) in batched transactions, with the events and metrics clean-up of
    /// the single operations; a change refused because another item holds its name or URI says so in its result.
    /// </summary>
    public Task<IReadOnlyList<CatalogChangeResult<TRecord>>> ApplyAsync(IReadOnlyList<CatalogChange<TRecord>> changes, CancellationToken cancellationToken) =>
        CatalogBatch.ApplyAsync(table, changes, Kind, metrics, PublishAsync, cancellationToken);

    /// <summary>The list a query asks for, to page through in list order (oldest first) without copying it.</summary>
    public async Task<CatalogListing<TRecord>> ListingAsync(bool includeInactive, IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        await readiness.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new CatalogListing<TRecord>(
            after => Created.After(after)
                .Where(e => includeInactive || IsActive(e.Document))
                .Where(e => tags.Count == 0 || e.Document.Tags.Any(tag => tags.Contains(tag, StringComparer.OrdinalIgnoreCase))),
            e => CreatedKey(e.Document),
            ReadWithMetrics);
    }

    /// <summary>An item's response shape with its metrics (read per item, so a page costs its own size).</summary>
    private object ReadWithMetrics(CatalogEntry<TRecord> entry) => ToRead(entry, metrics.Summary(Kind.Singular, entry.Document.Id));

    /// <summary>An item in this instance's snapshot by id or alternate key, or null.</summary>
    protected CatalogEntry<TRecord>? Find(string idOrKey) => Snapshot.Find(idOrKey) ?? Snapshot.FindByKey(AlternateKey, idOrKey);

    private ApiProblem NotFound(string idOrKey) => ApiProblem.NotFound($"{Kind.Title} '{idOrKey}' was not found.");

    /// <summary>
    /// The item a write addresses: from the snapshot, or from storage when this instance has not seen it yet (created a
    /// moment ago on another one), so a write never fails for want of a read.
    /// </summary>
    private async Task<CatalogEntry<TRecord>> ResolveAsync(string idOrKey, CancellationToken cancellationToken) =>
        await FindAsync(idOrKey, cancellationToken).ConfigureAwait(false)
        ?? await table.FindAsync(idOrKey, cancellationToken).ConfigureAwait(false)
        ?? await table.FindByKeyAsync(AlternateKey, idOrKey, cancellationToken).ConfigureAwait(false)
        ?? throw NotFound(idOrKey);

    /// <summary>The key of the REST list order: creation time, then id (unique, so a cursor names one item).</summary>
    private static string CreatedKey(TRecord record) =>
        $"{record.CreatedAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}|{record.Id}";
}
