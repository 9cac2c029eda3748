using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using McpGateway.Shared.Catalog.Snapshot;
using McpGateway.Shared.Http;
using McpGateway.Shared.Notifications;
using McpGateway.Shared.Storage;

namespace McpGateway.Shared.Catalog.Roots;

/// <summary>
/// The filesystem roots the gateway offers MCP clients: absolute file paths or file:// URIs, unique by
/// URI and kept as given (the seed adds "/data" and removes "/data"). Roots have no on/off switch, so
/// they are a plain set over their table rather than a <see cref="CatalogService{TRecord, TInput}"/>. Adding and
/// removing publish root events (<c>/roots/changes</c>).
/// </summary>
public sealed partial class RootService
{
    private readonly CatalogTable<RootRecord> table;
    private readonly ICatalogReadiness readiness;
    private readonly EventPublisher events;
    private readonly TimeProvider time;
    private readonly KindSnapshot<RootRecord> snapshot = new();
    private readonly SortedIndex<RootRecord> created;

    public RootService(CatalogStorage storage, ICatalogReadiness readiness, EventPublisher events, TimeProvider time)
    {
        table = storage.Table<RootRecord>(CatalogKind.Roots.Plural);
        this.readiness = readiness;
        this.events = events;
        this.time = time;
        table.Observe(snapshot);
        created = snapshot.AddIndex(new SortedIndex<RootRecord>(CreatedKey));
    }

    public CatalogTable<RootRecord> Table => table;

    /// <summary>How the follower keeps this instance's roots current.</summary>
    public ISnapshotSource SnapshotSource => new SnapshotSource<RootRecord>(CatalogKind.Roots.Singular, table, snapshot);

    /// <summary>Every root, oldest first.</summary>
    public async Task<IReadOnlyList<RootRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await readiness.WaitAsync(cancellationToken).ConfigureAwait(false);
        return created.After(null).Select(e => e.Document).ToList();
    }

    /// <summary>The key of the list order: creation time, then id.</summary>
    public static string CreatedKey(RootRecord root) => $"{root.CreatedAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}|{root.Id}";

    public async Task<RootRecord> AddAsync(RootInput input, CancellationToken cancellationToken)
    {
        var root = new RootRecord
        {
            Id = Guid.NewGuid().ToString("N"),
            Uri = Uri(input.Uri),
            Name = input.Name is null ? null : CatalogValidation.Name(input.Name),
            CreatedAt = time.GetUtcNow(),
        };
        var added = (await table.InsertAsync(root, content: null, cancellationToken).ConfigureAwait(false)).Document;
        await PublishAsync(EventTypes.Added, added).ConfigureAwait(false);
        return added;
    }

    public async Task<RootRecord> RemoveAsync(string uri, CancellationToken cancellationToken)
    {
        await readiness.WaitAsync(cancellationToken).ConfigureAwait(false);
        var entry = snapshot.FindByKey("uri", uri)
            ?? await table.FindByKeyAsync("uri", uri, cancellationToken).ConfigureAwait(false)
            ?? throw ApiProblem.NotFound($"Root '{uri}' was not found.");
        await table.DeleteAsync(entry.Document.Id, cancellationToken).ConfigureAwait(false);
        await PublishAsync(EventTypes.Removed, entry.Document).ConfigureAwait(false);
        return entry.Document;
    }

    private Task PublishAsync(string type, RootRecord root) =>
        events.PublishAsync(type, CatalogKind.Roots.Singular, root.Id, new JsonObject { ["uri"] = root.Uri, ["name"] = root.Name });

    private static string Uri(string? value)
    {
        var text = CatalogValidation.Required(value, "uri");
        var valid = text.Length <= CatalogValidation.MaxUrlLength
            && !text.Any(char.IsControl)
            && (text.StartsWith('/')
                || WindowsDrivePath().IsMatch(text)
                || (text.StartsWith("file://", StringComparison.OrdinalIgnoreCase) && System.Uri.TryCreate(text, UriKind.Absolute, out _)));
        return valid
            ? text
            : throw ApiProblem.Invalid("uri", "'uri' must be an absolute file path such as /data or a file:// URI such as file:///data.");
    }

    [GeneratedRegex(@"^[A-Za-z]:[\\/]")]
    private static partial Regex WindowsDrivePath();
}
