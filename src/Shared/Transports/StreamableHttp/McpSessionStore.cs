using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using McpGateway.Shared.Configuration;
using McpGateway.Shared.Storage;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;

namespace McpGateway.Shared.Transports.StreamableHttp;

/// <summary>
/// Sessions of pre-2026 clients and their resource subscriptions. Storage holds them, so a session opened on one
/// instance continues on any other; the instance serving a session holds it in memory and reads storage only on a
/// miss, or once per MCP_SESSION_REFRESH_INTERVAL to learn whether it ended elsewhere, moving its last-seen time then.
/// A session unused for MCP_SESSION_IDLE_TIMEOUT ends.
/// </summary>
public sealed class McpSessionStore : IDisposable
{
    private readonly McpSessionTable table;
    private readonly TimeProvider time;
    private readonly McpSessionOptions options;
    private readonly ConcurrentDictionary<string, HeldSession> held = new(StringComparer.Ordinal);
    private readonly ITimer sweep;

    public McpSessionStore(CatalogStorage storage, TimeProvider time, IOptions<McpSessionOptions> options)
    {
        table = new McpSessionTable(storage, time);
        this.time = time;
        this.options = options.Value;
        sweep = time.CreateTimer(_ => ForgetIdle(), null, this.options.RefreshInterval, this.options.RefreshInterval);
    }

    /// <summary>A new unguessable session id (128 random bits).</summary>
    public static string NewSessionId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    public async Task SaveAsync(McpSession session, CancellationToken cancellationToken)
    {
        await table.SaveAsync(session, cancellationToken).ConfigureAwait(false);
        Hold(session, checkedAt: session.CreatedAt);
    }

    /// <returns>The session, or null when it never existed, ended or idled out.</returns>
    public async Task<McpSession?> FindAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (!IsWellFormed(sessionId))
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (held.TryGetValue(sessionId, out var entry) && entry.Session is { } session && now - entry.CheckedAt < options.RefreshInterval)
        {
            entry.LastUsed = now;
            return session;
        }

        var stored = await table.FindAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            End(sessionId);
            return null;
        }

        if (now - stored.LastSeen > options.IdleTimeout)
        {
            await DeleteAsync(sessionId, cancellationToken).ConfigureAwait(false);
            return null;
        }

        if (now - stored.LastSeen >= options.RefreshInterval && !await table.TouchAsync(sessionId, now, cancellationToken).ConfigureAwait(false))
        {
            End(sessionId);
            return null;
        }

        Hold(stored.Session, now);
        return stored.Session;
    }

    /// <summary>Records the level a session's client set, here at once and on other instances at their next refresh.</summary>
    public async Task SetLogLevelAsync(string sessionId, LoggingLevel level, CancellationToken cancellationToken)
    {
        if (!await table.SetLogLevelAsync(sessionId, level, cancellationToken).ConfigureAwait(false))
        {
            End(sessionId);
            return;
        }

        if (held.TryGetValue(sessionId, out var entry) && entry.Session is { } session)
        {
            entry.Session = session with { LogLevel = level };
        }
    }

    /// <returns>False when no such session existed.</returns>
    public async Task<bool> DeleteAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (!IsWellFormed(sessionId))
        {
            return false;
        }

        End(sessionId);
        return await table.DeleteAsync(sessionId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Cancelled when this instance stops serving the session: it was deleted, found ended or idled out, or (a
    /// long-lived connection's session, which storage does not hold) its connection closed. What an instance keeps for
    /// a session, such as its upstream sessions, goes then.
    /// </summary>
    public CancellationToken Ending(string sessionId)
    {
        var entry = held.GetOrAdd(sessionId, _ => new HeldSession(null, DateTimeOffset.MinValue, time.GetUtcNow()));
        entry.LastUsed = time.GetUtcNow();
        return entry.Ended.Token;
    }

    public Task SubscribeAsync(string sessionId, string uri, CancellationToken cancellationToken) => table.SubscribeAsync(sessionId, uri, cancellationToken);

    public Task UnsubscribeAsync(string sessionId, string uri, CancellationToken cancellationToken) => table.UnsubscribeAsync(sessionId, uri, cancellationToken);

    public Task<IReadOnlyList<string>> SubscriptionsAsync(string sessionId, CancellationToken cancellationToken) => table.SubscriptionsAsync(sessionId, cancellationToken);

    public void Dispose()
    {
        sweep.Dispose();
        foreach (var sessionId in held.Keys)
        {
            End(sessionId);
        }
    }

    /// <summary>Ids this store issued are 22 base64url characters; anything else cannot name a row.</summary>
    private static bool IsWellFormed(string sessionId) =>
        sessionId.Length is > 0 and <= 64 && sessionId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <param name="checkedAt">When storage last confirmed the session.</param>
    private void Hold(McpSession session, DateTimeOffset checkedAt)
    {
        var now = time.GetUtcNow();
        var entry = held.GetOrAdd(session.Id, _ => new HeldSession(session, checkedAt, now));
        entry.Session = session;
        entry.CheckedAt = checkedAt;
        entry.LastUsed = now;
    }

    private void End(string sessionId)
    {
        if (held.TryRemove(sessionId, out var entry))
        {
            entry.End();
        }
    }

    /// <summary>Lets go of sessions this instance has not served for the idle timeout (a client may have moved on to another).</summary>
    private void ForgetIdle()
    {
        var now = time.GetUtcNow();
        foreach (var (sessionId, entry) in held)
        {
            if (now - entry.LastUsed > options.IdleTimeout && held.TryRemove(KeyValuePair.Create(sessionId, entry)))
            {
                entry.End();
            }
        }
    }

    /// <summary>A session this instance serves: as last read (null for a connection's session), when storage last confirmed it, when last used here.</summary>
    private sealed class HeldSession(McpSession? session, DateTimeOffset checkedAt, DateTimeOffset lastUsed)
    {
        private volatile McpSession? current = session;
        private long checkedAtTicks = checkedAt.UtcTicks;
        private long lastUsedTicks = lastUsed.UtcTicks;

        public CancellationTokenSource Ended { get; } = new();

        public McpSession? Session
        {
            get => current;
            set => current = value;
        }

        public DateTimeOffset CheckedAt
        {
            get => new(Interlocked.Read(ref checkedAtTicks), TimeSpan.Zero);
            set => Interlocked.Exchange(ref checkedAtTicks, value.UtcTicks);
        }

        public DateTimeOffset LastUsed
        {
            get => new(Interlocked.Read(ref lastUsedTicks), TimeSpan.Zero);
            set => Interlocked.Exchange(ref lastUsedTicks, value.UtcTicks);
        }

        /// <summary>Not disposed: a caller may still read <see cref="Ended"/>'s token, which is then already cancelled.</summary>
        public void End() => Ended.Cancel();
    }
}
