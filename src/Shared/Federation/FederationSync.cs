using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using McpGateway.Shared.Catalog;
using McpGateway.Shared.Catalog.Gateways;
using McpGateway.Shared.Catalog.Prompts;
using McpGateway.Shared.Catalog.Resources;
using McpGateway.Shared.Catalog.Servers;
using McpGateway.Shared.Catalog.Tools;
using McpGateway.Shared.Notifications;
using McpGateway.Shared.Prompts;
using McpGateway.Shared.Upstreams.Mcp;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;

namespace McpGateway.Shared.Federation;

/// <summary>
/// Reads every page of an upstream's tools, resources, resource templates and prompts and reconciles them into
/// the catalog under the gateway's id and (by default) its name prefix.
/// </summary>
public sealed class FederationSync(
    PeerGatewayService gateways,
    ToolService tools,
    ResourceService resources,
    PromptService prompts,
    ServerService servers,
    UpstreamClientPool pool,
    FederatedNames names,
    EventPublisher events,
    TimeProvider time,
    ILogger<FederationSync> logger)
{
    /// <summary>
    /// One sync of a gateway at a time in this instance: a registration's first sync and the timer's would otherwise
    /// both insert the new items, and the second would take the first's for a name clash.
    /// </summary>
    private readonly ConcurrentDictionary<string, SemaphoreSlim> syncing = new(StringComparer.Ordinal);

    /// <param name="failOnConflict">True at registration: a federated name taken by another item is a 409 and nothing is kept.</param>
    /// <exception cref="UpstreamUnavailableException">The upstream could not be reached; the gateway records why.</exception>
    public async Task<SyncReport> SyncAsync(string gatewayId, bool failOnConflict, CancellationToken cancellationToken)
    {
        var turn = syncing.GetOrAdd(gatewayId, _ => new SemaphoreSlim(1, 1));
        await turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await SyncNowAsync(gatewayId, failOnConflict, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            turn.Release();
        }
    }

    private async Task<SyncReport> SyncNowAsync(string gatewayId, bool failOnConflict, CancellationToken cancellationToken)
    {
        var gateway = (await gateways.GetAsync(gatewayId, cancellationToken).ConfigureAwait(false)).Document;
        UpstreamConnection connection;
        try
        {
            connection = await pool.GetAsync(gateway, cancellationToken).ConfigureAwait(false);
        }
        catch (UpstreamUnavailableException ex)
        {
            await RecordAsync(gateway.Id, g => g with { LastError = ex.Message }, cancellationToken).ConfigureAwait(false);
            throw;
        }

        SyncReport report;
        try
        {
            report = await ReconcileAsync(gateway, connection, failOnConflict, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or McpException or IOException)
        {
            await pool.EvictAsync(gateway.Id).ConfigureAwait(false);
            await RecordAsync(gateway.Id, g => g with { LastError = ex.Message }, cancellationToken).ConfigureAwait(false);
            throw new UpstreamUnavailableException($"Gateway '{gateway.Name}' failed while its catalog was read: {ex.Message}");
        }

        var now = time.GetUtcNow();
        await RecordAsync(gateway.Id, g => g with
        {
            Endpoint = connection.Endpoint.ToString(),
            Transport = connection.Transport,
            UpstreamRevision = g.ProtocolVersion is null ? connection.Client.NegotiatedProtocolVersion : g.UpstreamRevision,
            LastSyncAt = now,
            LastSeen = now,
            Reachable = true,
            ConsecutiveFailures = 0,
            LastError = report.Conflicts.Count > 0 ? string.Join(" ", report.Conflicts) : null,
        }, cancellationToken).ConfigureAwait(false);
        if (report.Conflicts.Count > 0)
        {
            logger.LogWarning("Sync of gateway {Gateway} skipped conflicting items: {Conflicts}", gateway.Name, report.Conflicts);
        }

        return report;
    }

    /// <summary>Removes every item a gateway federated (when it is deleted).</summary>
    public async Task ForgetAsync(string gatewayId, CancellationToken cancellationToken)
    {
        await ForgetAsync(tools, t => t.GatewayId == gatewayId, gatewayId, cancellationToken).ConfigureAwait(false);
        await ForgetAsync(resources, r => r.GatewayId == gatewayId, gatewayId, cancellationToken).ConfigureAwait(false);
        await ForgetAsync(prompts, p => p.GatewayId == gatewayId, gatewayId, cancellationToken).ConfigureAwait(false);
        await pool.RemoveAsync(gatewayId).ConfigureAwait(false);
    }

    private async Task ForgetAsync<T, TInput>(CatalogService<T, TInput> service, Func<T, bool> federatedByGateway, string gatewayId, CancellationToken cancellationToken)
        where T : class, ICatalogItem
    {
        var federated = (await service.ListAsync(cancellationToken).ConfigureAwait(false)).Select(e => e.Document).Where(federatedByGateway).ToList();
        var results = await service.ApplyAsync([.. federated.Select(item => new Storage.CatalogChange<T>.Delete(item.Id))], cancellationToken).ConfigureAwait(false);
        var removed = results.Where(result => result.Applied).Select(result => ((Storage.CatalogChange<T>.Delete)result.Change).ItemId).ToList();
        await SettleAsync(service.Kind, SyncReport.Empty(gatewayId) with { RemovedIds = removed }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// What follows a change of a kind's federated items: virtual servers let go of the removed ones, and one list_changed
    /// event says what changed (none when nothing did).
    /// </summary>
    private async Task SettleAsync(CatalogKind kind, SyncReport report, CancellationToken cancellationToken)
    {
        await servers.ForgetAssociationsAsync(kind, report.RemovedIds, cancellationToken).ConfigureAwait(false);
        if (report.Changed)
        {
            await events.PublishAsync(EventTypes.ListChanged, kind.Singular, report.GatewayId, new JsonObject
            {
                ["gatewayId"] = report.GatewayId,
                ["added"] = report.Added,
                ["updated"] = report.Updated,
                ["removed"] = report.Removed,
            }).ConfigureAwait(false);
        }
    }

    private async Task<SyncReport> ReconcileAsync(PeerGatewayRecord gateway, UpstreamConnection connection, bool failOnConflict, CancellationToken cancellationToken)
    {
        var client = connection.Client;
        var capabilities = client.ServerCapabilities;
        var now = time.GetUtcNow();

        var offeredTools = capabilities.Tools is null ? [] : (await client.ListToolsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            .Where(t => names.Accepts(gateway, "tool", t.Name)).Select(t => ToolOf(gateway, connection, t.ProtocolTool, now)).ToList();
        var offeredResources = capabilities.Resources is null ? [] : (await client.ListResourcesAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            .Where(r => names.Accepts(gateway, "resource", r.Name)).Select(r => ResourceOf(gateway, r.ProtocolResource, now)).ToList();
        var offeredTemplates = capabilities.Resources is null ? [] : (await client.ListResourceTemplatesAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            .Where(t => names.Accepts(gateway, "resource template", t.Name)).Select(t => TemplateOf(gateway, t.ProtocolResourceTemplate, now)).ToList();
        var offeredPrompts = capabilities.Prompts is null ? [] : (await client.ListPromptsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            .Where(p => names.Accepts(gateway, "prompt", p.Name)).Select(p => PromptOf(gateway, p.ProtocolPrompt, now)).ToList();

        var ownedTools = (await tools.ListAsync(cancellationToken).ConfigureAwait(false)).Select(e => e.Document).Where(t => t.GatewayId == gateway.Id).ToList();
        var ownedResources = (await resources.ListAsync(cancellationToken).ConfigureAwait(false)).Select(e => e.Document).Where(r => r.GatewayId == gateway.Id).ToList();
        var ownedPrompts = (await prompts.ListAsync(cancellationToken).ConfigureAwait(false)).Select(e => e.Document).Where(p => p.GatewayId == gateway.Id).ToList();

        var toolReport = await CatalogReconciler.ReconcileAsync(
            gateway.Id, tools, ownedTools, offeredTools, t => t.OriginalName!,
            (stored, fresh) => fresh with { Id = stored.Id, CreatedAt = stored.CreatedAt, UpdatedAt = stored.UpdatedAt, Enabled = stored.Enabled, Tags = stored.Tags },
            t => t with { UpdatedAt = now }, failOnConflict, cancellationToken).ConfigureAwait(false);
        var resourceReport = await CatalogReconciler.ReconcileAsync(
            gateway.Id, resources, ownedResources, [.. offeredResources, .. offeredTemplates], r => r.Uri,
            (stored, fresh) => fresh with { Id = stored.Id, CreatedAt = stored.CreatedAt, UpdatedAt = stored.UpdatedAt, Enabled = stored.Enabled, Tags = stored.Tags },
            r => r with { UpdatedAt = now }, failOnConflict, cancellationToken).ConfigureAwait(false);
        var promptReport = await CatalogReconciler.ReconcileAsync(
            gateway.Id, prompts, ownedPrompts, offeredPrompts, p => p.OriginalName!,
            (stored, fresh) => fresh with { Id = stored.Id, CreatedAt = stored.CreatedAt, UpdatedAt = stored.UpdatedAt, Enabled = stored.Enabled, Tags = stored.Tags },
            p => p with { UpdatedAt = now }, failOnConflict, cancellationToken).ConfigureAwait(false);
        await SettleAsync(CatalogKind.Tools, toolReport, cancellationToken).ConfigureAwait(false);
        await SettleAsync(CatalogKind.Resources, resourceReport, cancellationToken).ConfigureAwait(false);
        await SettleAsync(CatalogKind.Prompts, promptReport, cancellationToken).ConfigureAwait(false);
        return toolReport.Plus(resourceReport).Plus(promptReport);
    }

    private ToolRecord ToolOf(PeerGatewayRecord gateway, UpstreamConnection connection, ModelContextProtocol.Protocol.Tool tool, DateTimeOffset now) => new()
    {
        Id = NewId(),
        Name = names.For(gateway, tool.Name),
        OriginalName = tool.Name,
        Url = connection.Endpoint.ToString(),
        Description = tool.Description,
        IntegrationType = ToolService.Mcp,
        RequestType = connection.Transport,
        InputSchema = tool.InputSchema,
        OutputSchema = tool.OutputSchema,
        Annotations = tool.Annotations is null ? null : JsonSerializer.SerializeToElement(tool.Annotations, McpJsonUtilities.DefaultOptions),
        GatewayId = gateway.Id,
        CreatedAt = now,
        UpdatedAt = now,
    };

    private static ResourceRecord ResourceOf(PeerGatewayRecord gateway, ModelContextProtocol.Protocol.Resource resource, DateTimeOffset now) => new()
    {
        Id = NewId(),
        Uri = FederatedResourceUris.InCatalog(gateway, resource.Uri),
        Name = resource.Name,
        Description = resource.Description,
        MimeType = resource.MimeType,
        Size = resource.Size,
        GatewayId = gateway.Id,
        CreatedAt = now,
        UpdatedAt = now,
    };

    private static ResourceRecord TemplateOf(PeerGatewayRecord gateway, ModelContextProtocol.Protocol.ResourceTemplate template, DateTimeOffset now) => new()
    {
        Id = NewId(),
        Uri = FederatedResourceUris.InCatalog(gateway, template.UriTemplate),
        UriTemplate = FederatedResourceUris.InCatalog(gateway, template.UriTemplate),
        Name = template.Name,
        Description = template.Description,
        MimeType = template.MimeType,
        GatewayId = gateway.Id,
        CreatedAt = now,
        UpdatedAt = now,
    };

    private PromptRecord PromptOf(PeerGatewayRecord gateway, ModelContextProtocol.Protocol.Prompt prompt, DateTimeOffset now) => new()
    {
        Id = NewId(),
        Name = names.For(gateway, prompt.Name),
        OriginalName = prompt.Name,
        Description = prompt.Description,
        Template = string.Empty,
        ArgumentSchema = PromptArgumentSchema.FromArguments(
            (prompt.Arguments ?? []).Select(a => new PromptArgument(a.Name, a.Description, a.Required ?? false))),
        GatewayId = gateway.Id,
        CreatedAt = now,
        UpdatedAt = now,
    };

    private async Task RecordAsync(string gatewayId, Func<PeerGatewayRecord, PeerGatewayRecord> change, CancellationToken cancellationToken) =>
        await gateways.Table.UpdateAsync(gatewayId, entry => change(entry.Document), cancellationToken).ConfigureAwait(false);

    private static string NewId() => Guid.NewGuid().ToString("N");
}
