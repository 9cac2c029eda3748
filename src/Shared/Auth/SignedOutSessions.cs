using System.Collections.Concurrent;
using McpGateway.Shared.Configuration;
using McpGateway.Shared.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpGateway.Shared.Auth;

/// <summary>
/// The ids of the Admin UI sessions signed out on any instance, held in memory so a cookie is checked without a storage
/// round trip. The first check on an instance reads the <see cref="SignOutLog"/> of the last TOKEN_EXPIRY (older
/// sign-outs are of cookies that have expired anyway); from then on the sign-outs of the last few seconds are read
/// once a second, in the background. Nothing else follows storage continuously on every instance (the event hub reads
/// the log only while someone listens), hence a poll of its own; re-reading a settle window, with the ids kept in a
/// set, tolerates rows that land a moment late (clock skew between instances).
/// </summary>
public sealed class SignedOutSessions(
    SignOutLog log, IOptions<AuthOptions> auth, IOptions<AdminOptions> admin, TimeProvider time, ILogger<SignedOutSessions> logger)
    : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan SettleWindow = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PruneInterval = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, DateTimeOffset> signedOut = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim reading = new(1, 1);
    private readonly TimeSpan cookieLifetime = TimeSpan.FromMinutes(auth.Value.TokenExpiryMinutes);
    private volatile bool caughtUp;
    private DateTimeOffset readUpTo;
    private DateTimeOffset prunedAt = DateTimeOffset.MinValue;

    /// <summary>Whether the session was signed out; on an instance's first call, after one read of the log.</summary>
    public async ValueTask<bool> IsSignedOutAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (!caughtUp)
        {
            await CatchUpAsync(firstReadOnly: true, cancellationToken).ConfigureAwait(false);
        }

        return signedOut.ContainsKey(sessionId);
    }

    public async Task SignOutAsync(SignedOutSession session, CancellationToken cancellationToken)
    {
        await log.AppendAsync(session, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        signedOut[session.SessionId] = session.ExpiresAt;
    }

    public override void Dispose()
    {
        reading.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!admin.Value.UiEnabled || !auth.Value.AuthRequired)
        {
            return;
        }

        using var timer = new PeriodicTimer(PollInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await CatchUpAsync(firstReadOnly: false, stoppingToken).ConfigureAwait(false);
                await PruneAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (StorageUnavailableException ex)
            {
                logger.LogWarning(ex, "Could not read the sign-outs of other instances; retrying in {Interval}", PollInterval);
            }
        }
    }

    /// <param name="firstReadOnly">Read only if no read has been made yet (a request waiting for the first one).</param>
    private async Task CatchUpAsync(bool firstReadOnly, CancellationToken cancellationToken)
    {
        await reading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (firstReadOnly && caughtUp)
            {
                return;
            }

            var now = time.GetUtcNow();
            var since = caughtUp ? readUpTo - SettleWindow : now - cookieLifetime;
            await foreach (var session in log.ReadSinceAsync(since, cancellationToken).ConfigureAwait(false))
            {
                signedOut[session.SessionId] = session.ExpiresAt;
            }

            readUpTo = now;
            caughtUp = true;
        }
        finally
        {
            reading.Release();
        }
    }

    /// <summary>Forgets, in memory and (about once an hour) in storage, the sign-outs of cookies that have expired.</summary>
    private async Task PruneAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var (sessionId, expiresAt) in signedOut)
        {
            if (expiresAt <= now)
            {
                signedOut.TryRemove(sessionId, out _);
            }
        }

        if (now - prunedAt >= PruneInterval)
        {
            await log.PruneAsync(now - cookieLifetime, cancellationToken).ConfigureAwait(false);
            prunedAt = now;
        }
    }
}
