using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
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
public sealed partial class RootService(CatalogStorage storage, EventPublisher events, TimeProvider time)
{
    private readonly CatalogTable<RootRecord> table = storage.Table<RootRecord>(CatalogKind.Roots.Plural);

    public CatalogTable<RootRecord> Table => table;

    /// <summary>Every root, oldest first.</summary>
    public async Task<IReadOnlyList<RootRecord>> ListAsync(CancellationToken cancellationToken) =>
        (await table.ListAsync(cancellationToken).ConfigureAwait(false))
            .Select(e => e.Document)
            .OrderBy(r => r.CreatedAt)
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToList();

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
        var entry = await table.FindByKeyAsync("uri", uri, cancellationToken).ConfigureAwait(false)
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
