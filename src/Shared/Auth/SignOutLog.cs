using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using McpGateway.Shared.Notifications;
using McpGateway.Shared.Storage;

namespace McpGateway.Shared.Auth;

/// <summary>
/// The Admin UI sessions signed out before their cookie expired, in one partition of the <c>{prefix}signouts</c> table
/// keyed by sign-out time (<see cref="EventIds"/>), so every instance reads the recent ones with one range query.
/// </summary>
public sealed class SignOutLog(CatalogStorage storage)
{
    private const string Partition = "signouts";
    private readonly LazyTable lazyTable = storage.RawTable("signouts");

    public async Task AppendAsync(SignedOutSession session, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = await lazyTable.GetAsync(cancellationToken).ConfigureAwait(false);
        await table.AddEntityAsync(
            new TableEntity(Partition, EventIds.New(now)) { ["SessionId"] = session.SessionId, ["ExpiresAt"] = session.ExpiresAt },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The sessions signed out at or after <paramref name="since"/>.</summary>
    public async IAsyncEnumerable<SignedOutSession> ReadSinceAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await lazyTable.GetAsync(cancellationToken).ConfigureAwait(false);
        var rows = table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {EventIds.Floor(since)}"),
            select: ["SessionId", "ExpiresAt"], cancellationToken: cancellationToken);
        await foreach (var row in rows.ConfigureAwait(false))
        {
            if (row.GetString("SessionId") is { } sessionId && row.GetDateTimeOffset("ExpiresAt") is { } expiresAt)
            {
                yield return new SignedOutSession(sessionId, expiresAt);
            }
        }
    }

    /// <summary>Deletes the sign-outs before <paramref name="before"/>.</summary>
    public async Task PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var table = await lazyTable.GetAsync(cancellationToken).ConfigureAwait(false);
        await table.DeleteRowsBeforeAsync(Partition, EventIds.Floor(before), cancellationToken).ConfigureAwait(false);
    }
}

/// <param name="SessionId">The id sealed in the session's cookie.</param>
/// <param name="ExpiresAt">When the cookie would have expired anyway: after it, the sign-out need not be remembered.</param>
public sealed record SignedOutSession(string SessionId, DateTimeOffset ExpiresAt);
