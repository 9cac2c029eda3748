using System.Buffers.Text;
using System.Text.RegularExpressions;
using McpGateway.Shared.Catalog.Snapshot;
using McpGateway.Shared.Http;
using McpGateway.Shared.Notifications;
using McpGateway.Shared.Observability;
using McpGateway.Shared.Storage;

namespace McpGateway.Shared.Catalog.Servers;

/// <summary>
/// The virtual server catalog. The kinds a server bundles are reached through <see cref="ICatalogReader"/>,
/// so a kind that is not registered simply cannot be associated (422) rather than being a build dependency.
/// </summary>
public sealed partial class ServerService(CatalogStorage storage, ICatalogReadiness readiness, MetricsStore metrics, EventPublisher events, IEnumerable<ICatalogReader> catalogs, TimeProvider time)
    : CatalogService<ServerRecord, ServerInput>(storage.Table<ServerRecord>(CatalogKind.Servers.Plural), readiness, metrics, events, time)
{
    public const int MaxAssociations = 1000;
    public const int MaxIconDataUriLength = 64 * 1024;

    private static readonly Association Tools = new(
        CatalogKind.Tools, "associated_tools", s => s.AssociatedTools, (s, kept) => s with { AssociatedTools = kept });
    private static readonly Association Resources = new(
        CatalogKind.Resources, "associated_resources", s => s.AssociatedResources, (s, kept) => s with { AssociatedResources = kept });
    private static readonly Association Prompts = new(
        CatalogKind.Prompts, "associated_prompts", s => s.AssociatedPrompts, (s, kept) => s with { AssociatedPrompts = kept });
    private static readonly Association[] Associations = [Tools, Resources, Prompts];

    private readonly Dictionary<CatalogKind, ICatalogReader> readers = catalogs.ToDictionary(r => r.Kind);

    /// <summary>The kinds a server bundles.</summary>
    public static IReadOnlyList<CatalogKind> AssociatedKinds { get; } = [.. Associations.Select(a => a.Kind)];

    public override CatalogKind Kind => CatalogKind.Servers;

    /// <summary>The items of <paramref name="kind"/> the server bundles, in their response shape and association order.</summary>
    public async Task<IReadOnlyList<object>> ReadAssociatedAsync(
        ServerRecord server, CatalogKind kind, bool includeInactive, CancellationToken cancellationToken)
    {
        var ids = Associations.Single(a => a.Kind == kind).Ids(server);
        return ids.Count > 0 && readers.TryGetValue(kind, out var reader)
            ? await reader.ReadManyAsync(ids, includeInactive, cancellationToken).ConfigureAwait(false)
            : [];
    }

    /// <summary>
    /// Takes items of <paramref name="kind"/> that are gone out of every server that bundled them, each server's change
    /// published as an update; a kind servers do not bundle, or no ids, changes nothing.
    /// </summary>
    public async Task ForgetAssociationsAsync(CatalogKind kind, IReadOnlyCollection<string> removedIds, CancellationToken cancellationToken)
    {
        if (removedIds.Count == 0 || Associations.SingleOrDefault(a => a.Kind == kind) is not { } association)
        {
            return;
        }

        var gone = removedIds.ToHashSet(StringComparer.Ordinal);
        var bundling = (await ListAsync(cancellationToken).ConfigureAwait(false)).Where(e => association.Ids(e.Document).Any(gone.Contains)).ToList();
        foreach (var server in bundling)
        {
            var updated = await Table.UpdateAsync(
                server.Document.Id,
                entry => association.With(entry.Document, [.. association.Ids(entry.Document).Where(id => !gone.Contains(id))]) with { UpdatedAt = Time.GetUtcNow() },
                cancellationToken).ConfigureAwait(false);
            await PublishAsync(EventTypes.Updated, updated.Document).ConfigureAwait(false);
        }
    }

    protected override async Task<ServerInput> PrepareAsync(ServerInput input, CancellationToken cancellationToken) => input with
    {
        AssociatedTools = await ResolveAsync(input.AssociatedTools, Tools, cancellationToken).ConfigureAwait(false),
        AssociatedResources = await ResolveAsync(input.AssociatedResources, Resources, cancellationToken).ConfigureAwait(false),
        AssociatedPrompts = await ResolveAsync(input.AssociatedPrompts, Prompts, cancellationToken).ConfigureAwait(false),
    };

    protected override ServerRecord Create(ServerInput input, string id, DateTimeOffset now) =>
        Apply(new ServerRecord { Id = id, Name = CatalogValidation.Name(input.Name), CreatedAt = now, UpdatedAt = now }, input);

    protected override ServerRecord Update(ServerRecord current, ServerInput input, DateTimeOffset now) =>
        Apply(current with { Name = input.Name is null ? current.Name : CatalogValidation.Name(input.Name), UpdatedAt = now }, input);

    protected override ServerRecord WithEnabled(ServerRecord record, bool enabled, DateTimeOffset now) =>
        record with { Enabled = enabled, UpdatedAt = now };

    public override object ToRead(CatalogEntry<ServerRecord> entry, MetricsSummary metricsSummary)
    {
        var s = entry.Document;
        return new ServerRead(
            s.Id, s.Name, s.Description, s.Icon, s.AssociatedTools, s.AssociatedResources, s.AssociatedPrompts, s.Tags, s.Enabled,
            s.CreatedAt, s.UpdatedAt, metricsSummary);
    }

    /// <summary>The members both create and update treat alike: each changes only when sent (associations already resolved to ids).</summary>
    private static ServerRecord Apply(ServerRecord record, ServerInput input) => record with
    {
        Description = input.Description is null ? record.Description : CatalogValidation.Description(input.Description),
        Icon = input.Icon is null ? record.Icon : Icon(input.Icon),
        AssociatedTools = input.AssociatedTools ?? record.AssociatedTools,
        AssociatedResources = input.AssociatedResources ?? record.AssociatedResources,
        AssociatedPrompts = input.AssociatedPrompts ?? record.AssociatedPrompts,
        Tags = input.Tags is null ? record.Tags : CatalogValidation.Tags(input.Tags),
        Enabled = input.Enabled ?? record.Enabled,
    };

    /// <summary>Maps each reference (an id or alternate key) to the id of an existing item, keeping the first of duplicates.</summary>
    private async Task<IReadOnlyList<string>?> ResolveAsync(
        IReadOnlyList<string>? references, Association association, CancellationToken cancellationToken)
    {
        var (kind, field, _, _) = association;
        if (references is null || references.Count == 0)
        {
            return references;
        }

        if (references.Count > MaxAssociations)
        {
            throw ApiProblem.Invalid(field, $"'{field}' may name at most {MaxAssociations} {kind.Plural}.");
        }

        if (!readers.TryGetValue(kind, out var reader))
        {
            throw ApiProblem.Invalid(field, $"'{field}' names '{references[0]}', but this gateway has no {kind.Plural} catalog to associate.");
        }

        var ids = await Task.WhenAll(references.Select(r => reader.FindIdAsync(r, cancellationToken))).ConfigureAwait(false);
        var unknown = Array.FindIndex(ids, id => id is null);
        return unknown >= 0
            ? throw ApiProblem.Invalid(field, $"'{field}' names an unknown {kind.Singular}: '{references[unknown]}'.")
            : ids.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>An icon is an http(s) URL or an image data: URI (base64 or percent-encoded), as browsers can show either.</summary>
    private static string? Icon(string value)
    {
        const string field = "icon";
        var icon = value.Trim();
        if (icon.Length == 0)
        {
            return null;
        }

        if (!icon.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return CatalogValidation.HttpUrl(icon, field).OriginalString;
        }

        var match = ImageDataUri().Match(icon);
        var valid = icon.Length <= MaxIconDataUriLength && match.Success
            && (match.Groups["base64"].Success ? Base64.IsValid(match.Groups["data"].ValueSpan) : UriCharacters().IsMatch(match.Groups["data"].Value));
        return valid
            ? icon
            : throw ApiProblem.Invalid(field, $"'{field}' must be an http or https URL, or a data:image/... URI (base64 or percent-encoded) of at most {MaxIconDataUriLength} characters.");
    }

    /// <param name="Field">The request field that lists the items, as errors name it.</param>
    /// <param name="With">The server with its items of the kind replaced.</param>
    private sealed record Association(
        CatalogKind Kind, string Field, Func<ServerRecord, IReadOnlyList<string>> Ids, Func<ServerRecord, IReadOnlyList<string>, ServerRecord> With);

    [GeneratedRegex(@"^data:image/[a-z0-9.+\-]+(;[a-z0-9\-]+=[a-z0-9.+\-""]+)*(?<base64>;base64)?,(?<data>.+)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex ImageDataUri();

    [GeneratedRegex(@"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+$")]
    private static partial Regex UriCharacters();
}
