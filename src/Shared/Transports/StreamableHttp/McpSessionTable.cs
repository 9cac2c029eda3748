using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using McpGateway.Shared.Storage;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpGateway.Shared.Transports.StreamableHttp;

/// <summary>
/// The rows of pre-2026 sessions and their resource subscriptions in Table storage, where every instance finds them.
/// </summary>
internal sealed class McpSessionTable(CatalogStorage storage, TimeProvider time)
{
    private const string SessionPartition = "session";
    private const string SubscriptionPrefix = "subscription|";
    private readonly LazyTable lazyTable = storage.RawTable("mcpsessions");

    public async Task SaveAsync(McpSession session, CancellationToken cancellationToken)
    {
        var table = await lazyTable.GetAsync(cancellationToken).ConfigureAwait(false);
        var row = new TableEntity(SessionPartition, session.Id)
        {
            ["ServerId"] = session.ServerId,
            ["User"] = session.User,
            ["Initialize"] = JsonSerializer.Serialize(session.Initialize, McpJsonUtilities.DefaultOptions),
            ["CreatedAt"] = session.CreatedAt,
            ["LastSeen"] = session.CreatedAt,
        };
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<StoredSession?> FindAsync(string sessionId, CancellationToken cancellationToken)
    {
        var table = await lazyTable.GetAsync(cancellationToken).ConfigureAwait(false);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(SessionPartition, sessionId, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.HasValue)
        {
            return null;
        }

        var row = response.Value!;
        var initialize = JsonSerializer.Deserialize<InitializeRequestParams>(row.GetString("Initialize") ?? "{}", McpJsonUtilities.DefaultOptions)
            ?? throw new InvalidDataException($"Session {sessionId} has no initialize parameters.");
        var createdAt = row.GetDateTimeOffset("CreatedAt") ?? time.GetUtcNow();
        var session = new McpSession(
            sessionId,
            row.GetString("ServerId"),
            row.GetString("User") ?? string.Empty,
            initialize,
            createdAt,
            Enum.TryParse<LoggingLevel>(row.GetString("LogLevel"), out var level) ? level : null);
        return new StoredSession(session, row.GetDateTimeOffset("LastSeen") ?? createdAt);
    }

    /// <summary>Moves the session's last-seen time; a merge, so that nothing else of the session is touched.</summary>
    /// <returns>False when the session is gone.</returns>
    public Task<bool> TouchAsync(string sessionId, DateTimeOffset lastSeen, CancellationToken cancellationToken) =>
        MergeAsync(new TableEntity(SessionPartition, sessionId) { ["LastSeen"] = lastSeen }, cancellationToken);

    /// <summary>Records the level a session's client set; a merge, so that nothing else of the session is touched.</summary>
    /// <returns>False when the session is gone.</returns>
    public Task<bool> SetLogLevelAsync(string sessionId, LoggingLevel level, CancellationToken cancellationToken) =>
        MergeAsync(new TableEntity(SessionPartition, sessionId) { ["LogLevel"] = level.ToString() }, cancellationToken);

    /// <returns>False when no such session existed.</returns>
    public async Task<bool> DeleteAsync(string sessionId, CancellationToken cancellationToken)
    {
        var table = await lazyTable.GetAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var subscription in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {SubscriptionPrefix + sessionId}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            await table.DeleteEntityAsync(subscription, ETag.All, cancellationToken).ConfigureAwait(false);
        }

        var response = await table.DeleteEntityAsync(SessionPartition, sessionId, ETag.All, cancellationToken).ConfigureAwait(false);
        return response.Status != 404;
    }

    public async Task SubscribeAsync(string sessionId, string uri, CancellationToken cancellationToken)
    {
        var table = await lazyTable.GetAsync(cancellationToken).ConfigureAwait(false);
        var row = new TableEntity(SubscriptionPrefix + sessionId, SubscriptionKey(uri)) { ["Uri"] = uri, ["SubscribedAt"] = time.GetUtcNow() };
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task UnsubscribeAsync(string sessionId, string uri, CancellationToken cancellationToken)
    {
        var table = await lazyTable.GetAsync(cancellationToken).ConfigureAwait(false);
        await table.DeleteEntityAsync(SubscriptionPrefix + sessionId, SubscriptionKey(uri), ETag.All, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>> SubscriptionsAsync(string sessionId, CancellationToken cancellationToken)
    {
        var table = await lazyTable.GetAsync(cancellationToken).ConfigureAwait(false);
        var uris = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {SubscriptionPrefix + sessionId}"), select: ["Uri"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            uris.Add(row.GetString("Uri") ?? string.Empty);
        }

        return uris;
    }

    private static string SubscriptionKey(string uri) => TableKey.Encode(string.Empty, uri);

    private async Task<bool> MergeAsync(TableEntity change, CancellationToken cancellationToken)
    {
        var table = await lazyTable.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await table.UpdateEntityAsync(change, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
    }
}

/// <summary>A session as its row holds it, with the last time an instance recorded it in use.</summary>
internal sealed record StoredSession(McpSession Session, DateTimeOffset LastSeen);
