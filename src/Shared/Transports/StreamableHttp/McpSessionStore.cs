using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using McpGateway.Shared.Storage;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpGateway.Shared.Transports.StreamableHttp;

/// <summary>
/// Sessions of pre-2026 Streamable HTTP clients and their resource subscriptions, in Table storage:
/// a session opened on one instance continues on any other.
/// </summary>
public sealed class McpSessionStore
{
    private const string SessionPartition = "session";
    private const string SubscriptionPrefix = "subscription|";
    private readonly LazyTable lazyTable;
    private readonly TimeProvider time;

    public McpSessionStore(CatalogStorage storage, TimeProvider time)
    {
        lazyTable = storage.RawTable("mcpsessions");
        this.time = time;
    }

    /// <summary>A new unguessable session id (128 random bits).</summary>
    public static string NewSessionId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    public async Task SaveAsync(McpSession session, CancellationToken cancellationToken)
    {
        var table = await lazyTable.GetAsync(cancellationToken).ConfigureAwait(false);
        var row = new TableEntity(SessionPartition, session.Id)
        {
            ["ServerId"] = session.ServerId,
            ["User"] = session.User,
            ["Initialize"] = JsonSerializer.Serialize(session.Initialize, McpJsonUtilities.DefaultOptions),
            ["CreatedAt"] = session.CreatedAt,
        };
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<McpSession?> FindAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (!IsWellFormed(sessionId))
        {
            return null;
        }

        var table = await lazyTable.GetAsync(cancellationToken).ConfigureAwait(false);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(SessionPartition, sessionId, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.HasValue)
        {
            return null;
        }

        var row = response.Value!;
        var initialize = JsonSerializer.Deserialize<InitializeRequestParams>(row.GetString("Initialize") ?? "{}", McpJsonUtilities.DefaultOptions)
            ?? throw new InvalidDataException($"Session {sessionId} has no initialize parameters.");
        return new McpSession(
            sessionId,
            row.GetString("ServerId"),
            row.GetString("User") ?? string.Empty,
            initialize,
            row.GetDateTimeOffset("CreatedAt") ?? time.GetUtcNow(),
            Enum.TryParse<LoggingLevel>(row.GetString("LogLevel"), out var level) ? level : null);
    }

    /// <summary>Records the level a session's client set; a merge, so that nothing else of the session is touched.</summary>
    public async Task SetLogLevelAsync(string sessionId, LoggingLevel level, CancellationToken cancellationToken)
    {
        var table = await lazyTable.GetAsync(cancellationToken).ConfigureAwait(false);
        await table.UpdateEntityAsync(
            new TableEntity(SessionPartition, sessionId) { ["LogLevel"] = level.ToString() }, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

    /// <returns>False when no such session existed.</returns>
    public async Task<bool> DeleteAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (!IsWellFormed(sessionId))
        {
            return false;
        }

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

    /// <summary>Ids this store issued are 22 base64url characters; anything else cannot name a row.</summary>
    private static bool IsWellFormed(string sessionId) =>
        sessionId.Length is > 0 and <= 64 && sessionId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string SubscriptionKey(string uri) => TableKey.Encode(string.Empty, uri);

}
