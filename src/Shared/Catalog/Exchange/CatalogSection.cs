using System.Text.Json;
using System.Text.Json.Nodes;
using McpGateway.Shared.Http;
using McpGateway.Shared.Storage;

namespace McpGateway.Shared.Catalog.Exchange;

/// <summary>One kind's part of an export document, and its import.</summary>
public interface ICatalogSection
{
    /// <summary>The key under <c>entities</c>: tools, resources, prompts, servers, gateways or roots.</summary>
    string Key { get; }

    Task<JsonArray> ExportAsync(CancellationToken cancellationToken);

    /// <summary>Checks that every item may be imported at all, before any is.</summary>
    /// <exception cref="ApiProblem">An item is refused.</exception>
    void Admit(JsonArray items);

    /// <param name="idMap">Ids of imported items that matched existing ones under another id (old id to new), for the sections imported later.</param>
    Task<ImportChange> ImportAsync(
        JsonObject item, ConflictStrategy strategy, bool dryRun, IDictionary<string, string> idMap, CancellationToken cancellationToken);
}

/// <summary>
/// A kind's items exactly as stored, so credentials stay encrypted (AES-GCM under AUTH_ENCRYPTION_SECRET: the importing
/// gateway needs the same secret) and attached content (a resource's text or bytes) travels as <c>contentBase64</c>.
/// Items a peer gateway federated are left out: they come back when the peer is synced.
/// </summary>
/// <param name="admit">Throws for an item that may not be imported at all.</param>
public sealed class CatalogSection<T>(
    string key, CatalogTable<T> table, Func<JsonObject, IDictionary<string, string>, JsonObject>? remap = null, Action<T>? admit = null)
    : ICatalogSection
    where T : class, ICatalogDocument
{
    private const string ContentMember = "contentBase64";

    public string Key => key;

    public async Task<JsonArray> ExportAsync(CancellationToken cancellationToken)
    {
        var items = new JsonArray();
        foreach (var entry in await table.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            var item = JsonSerializer.SerializeToNode(entry.Document, GatewayJson.Options)!.AsObject();
            if (item["gatewayId"] is JsonValue)
            {
                continue;
            }

            if (await table.ReadContentAsync(entry, cancellationToken).ConfigureAwait(false) is { } content)
            {
                item[ContentMember] = Convert.ToBase64String(content);
            }

            items.Add(item);
        }

        return items;
    }

    public void Admit(JsonArray items)
    {
        if (admit is null)
        {
            return;
        }

        foreach (var item in items.OfType<JsonObject>())
        {
            // An item that does not deserialize is reported as failed when applied.
            if (TryRead(item) is { } document)
            {
                admit(document);
            }
        }
    }

    public async Task<ImportChange> ImportAsync(
        JsonObject item, ConflictStrategy strategy, bool dryRun, IDictionary<string, string> idMap, CancellationToken cancellationToken)
    {
        try
        {
            return await ApplyAsync(item, strategy, dryRun, idMap, cancellationToken).ConfigureAwait(false);
        }
        catch (CatalogStorageException refusal)
        {
            // Storage refused this item (a name another item took meanwhile): the rest of the document still goes in.
            return new ImportChange(key, Label(item), "fail", refusal.Message);
        }
    }

    private static T? TryRead(JsonObject item)
    {
        try
        {
            return item.Deserialize<T>(GatewayJson.Options);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    private async Task<ImportChange> ApplyAsync(
        JsonObject item, ConflictStrategy strategy, bool dryRun, IDictionary<string, string> idMap, CancellationToken cancellationToken)
    {
        var label = Label(item);
        T document;
        ReadOnlyMemory<byte>? content;
        try
        {
            var normalized = remap is null ? item : remap((JsonObject)item.DeepClone(), idMap);
            document = normalized.Deserialize<T>(GatewayJson.Options) ?? throw new JsonException("null");
            content = normalized[ContentMember] is JsonValue encoded ? Convert.FromBase64String(encoded.ToString()) : null;
            label = document.UniqueKeys().FirstOrDefault().Value ?? label;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            return new ImportChange(key, label, "fail", $"Not a valid {key} item: {ex.Message}");
        }

        var uniqueKey = document.UniqueKeys().First();
        var existing = await table.FindAsync(document.Id, cancellationToken).ConfigureAwait(false)
            ?? await table.FindByKeyAsync(uniqueKey.Kind, uniqueKey.Value, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            if (!dryRun)
            {
                await table.InsertAsync(document, content, cancellationToken).ConfigureAwait(false);
            }

            return new ImportChange(key, label, "create");
        }

        switch (strategy)
        {
            case ConflictStrategy.Skip:
                idMap[document.Id] = existing.Document.Id;
                return new ImportChange(key, label, "skip", $"{uniqueKey.Description} exists");
            case ConflictStrategy.Fail:
                return new ImportChange(key, label, "fail", $"{uniqueKey.Description} exists");
            case ConflictStrategy.Rename when uniqueKey.Kind == "name":
                var newId = Guid.NewGuid().ToString("N");
                var renamed = (JsonObject)item.DeepClone();
                renamed["id"] = newId;
                renamed["name"] = $"{uniqueKey.Value}-imported-{newId[..6]}";
                idMap[document.Id] = newId;
                var change = await ApplyAsync(renamed, ConflictStrategy.Fail, dryRun, idMap, cancellationToken).ConfigureAwait(false);
                return change with { Name = label, Action = change.Action == "create" ? "rename" : change.Action, Detail = renamed["name"]!.ToString() };
            case ConflictStrategy.Rename:
                return new ImportChange(key, label, "skip", $"{uniqueKey.Description} exists and cannot be renamed");
            default:
                var id = existing.Document.Id;
                idMap[document.Id] = id;
                if (!dryRun)
                {
                    var replacement = (JsonObject)item.DeepClone();
                    replacement["id"] = id;
                    var updated = (remap is null ? replacement : remap(replacement, idMap)).Deserialize<T>(GatewayJson.Options)!;
                    await table.UpdateAsync(id, _ => updated, cancellationToken, newContent: content).ConfigureAwait(false);
                }

                return new ImportChange(key, label, "update");
        }
    }

    private static string Label(JsonObject item) => item["name"]?.ToString() ?? item["uri"]?.ToString() ?? item["id"]?.ToString() ?? "(unnamed)";
}
