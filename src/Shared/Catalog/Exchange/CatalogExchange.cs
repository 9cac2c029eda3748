using System.Text.Json.Nodes;
using McpGateway.Shared.Catalog.Gateways;
using McpGateway.Shared.Catalog.Prompts;
using McpGateway.Shared.Catalog.Resources;
using McpGateway.Shared.Catalog.Roots;
using McpGateway.Shared.Catalog.Servers;
using McpGateway.Shared.Catalog.Tools;
using McpGateway.Shared.Http;

namespace McpGateway.Shared.Catalog.Exchange;

/// <summary>
/// The whole catalog as one JSON document in ContextForge's export shape (<c>version</c>, <c>exported_at</c>,
/// <c>entities</c> by kind, <c>metadata.entity_counts</c>), and its import. Sections are imported in dependency order
/// (peers, items, then the servers that bundle them), and a server's associations follow items that matched existing
/// ones under another id.
/// </summary>
public sealed class CatalogExchange
{
    public const string FormatVersion = "2025-03-26";

    private readonly IReadOnlyList<ICatalogSection> sections;
    private readonly TimeProvider time;

    public CatalogExchange(
        PeerGatewayService gateways, ToolService tools, ResourceService resources, PromptService prompts, RootService roots, ServerService servers,
        TimeProvider time)
    {
        sections =
        [
            new CatalogSection<PeerGatewayRecord>(CatalogKind.Gateways.Plural, gateways.Table, admit: gateways.AdmitImported),
            new CatalogSection<ToolRecord>(CatalogKind.Tools.Plural, tools.Table),
            new CatalogSection<ResourceRecord>(CatalogKind.Resources.Plural, resources.Table),
            new CatalogSection<PromptRecord>(CatalogKind.Prompts.Plural, prompts.Table),
            new CatalogSection<RootRecord>(CatalogKind.Roots.Plural, roots.Table),
            new CatalogSection<ServerRecord>(CatalogKind.Servers.Plural, servers.Table, RemapAssociations),
        ];
        this.time = time;
    }

    public IEnumerable<string> Keys => sections.Select(s => s.Key);

    public async Task<JsonObject> ExportAsync(IReadOnlyList<string> kinds, string exportedBy, string sourceGateway, CancellationToken cancellationToken)
    {
        var entities = new JsonObject();
        var counts = new JsonObject();
        foreach (var section in Selected(kinds, "types"))
        {
            var items = await section.ExportAsync(cancellationToken).ConfigureAwait(false);
            counts[section.Key] = items.Count;
            entities[section.Key] = items;
        }

        return new JsonObject
        {
            ["version"] = FormatVersion,
            ["exported_at"] = time.GetUtcNow().ToString("O"),
            ["exported_by"] = exportedBy,
            ["source_gateway"] = sourceGateway,
            ["encryption_method"] = "AES-256-GCM",
            ["entities"] = entities,
            ["metadata"] = new JsonObject { ["entity_counts"] = counts },
        };
    }

    public async Task<ImportReport> ImportAsync(JsonObject document, ConflictStrategy strategy, bool dryRun, CancellationToken cancellationToken)
    {
        if (document["entities"] is not JsonObject entities)
        {
            throw ApiProblem.Invalid("import_data.entities", "'import_data' must be an export document with an 'entities' object.");
        }

        var unknown = entities.Select(e => e.Key).Except(Keys, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw ApiProblem.Invalid("import_data.entities", $"Unknown entity kinds: {string.Join(", ", unknown)}; expected {string.Join(", ", Keys)}.");
        }

        // A refused item (a stdio program STDIO_ALLOWED_COMMANDS does not allow) refuses the whole document, before anything is written.
        foreach (var section in sections)
        {
            if (entities[section.Key] is JsonArray admitted)
            {
                section.Admit(admitted);
            }
        }

        var idMap = new Dictionary<string, string>(StringComparer.Ordinal);
        var changes = new List<ImportChange>();
        foreach (var section in sections)
        {
            switch (entities[section.Key])
            {
                case null:
                    continue;
                case JsonArray items:
                    foreach (var item in items)
                    {
                        changes.Add(item is JsonObject one
                            ? await section.ImportAsync(one, strategy, dryRun, idMap, cancellationToken).ConfigureAwait(false)
                            : new ImportChange(section.Key, "(not an object)", "fail", "Each item must be a JSON object."));
                    }

                    break;
                default:
                    throw ApiProblem.Invalid($"import_data.entities.{section.Key}", $"'entities.{section.Key}' must be an array.");
            }
        }

        return new ImportReport(dryRun, strategy.ToString().ToLowerInvariant(), changes);
    }

    private IEnumerable<ICatalogSection> Selected(IReadOnlyList<string> kinds, string field)
    {
        var unknown = kinds.Except(Keys, StringComparer.Ordinal).ToList();
        return unknown.Count > 0
            ? throw ApiProblem.Invalid(field, $"'{field}' may name {string.Join(", ", Keys)}; '{string.Join(", ", unknown)}' is not one of them.")
            : sections.Where(s => kinds.Count == 0 || kinds.Contains(s.Key));
    }

    private static JsonObject RemapAssociations(JsonObject server, IDictionary<string, string> idMap)
    {
        foreach (var member in new[] { "associatedTools", "associatedResources", "associatedPrompts" })
        {
            if (server[member] is JsonArray ids)
            {
                server[member] = new JsonArray(ids.Select(id => (JsonNode?)JsonValue.Create(idMap.TryGetValue(id!.ToString(), out var mapped) ? mapped : id.ToString())).ToArray());
            }
        }

        return server;
    }
}
