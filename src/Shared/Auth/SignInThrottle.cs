using System.Globalization;
using System.Threading.RateLimiting;
using McpGateway.Shared.Configuration;
using McpGateway.Shared.Http;
using Microsoft.Extensions.Options;

namespace McpGateway.Shared.Auth;

/// <summary>
/// Limits failed sign-ins (wrong passwords, bad tokens) per client address (MAX_FAILED_LOGIN_ATTEMPTS) and per claimed
/// user name (MAX_FAILED_LOGIN_ATTEMPTS_PER_USER) in each ACCOUNT_LOCKOUT_DURATION_MINUTES window. Past a limit every
/// attempt of that address or user is refused, the right credentials too, until the window ends. The counts are per
/// instance, in memory: an attacker spread over instances gets the limit of each, which still turns a guessing rate of
/// thousands a second into a handful a window.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> failuresByAddress;
    private readonly PartitionedRateLimiter<string> failuresByUser;

    public SignInThrottle(IOptions<AuthOptions> options)
    {
        var settings = options.Value;
        var window = TimeSpan.FromMinutes(settings.LockoutWindowMinutes);
        failuresByAddress = Failures(settings.MaxFailedSignInsPerAddress, window);
        failuresByUser = Failures(settings.MaxFailedSignInsPerUser, window);
    }

    /// <summary>Refuses an attempt from an address, or for a user, that has no failures left in its window.</summary>
    /// <param name="user">The user the credentials claim to be (unverified), or null when they name none.</param>
    /// <exception cref="ApiProblem">429 with the seconds until the window ends.</exception>
    public void EnsureAllowed(string address, string? user)
    {
        // The address first: an address past its limit creates no per-user counters, so it cannot fill memory with made-up names.
        Ensure(failuresByAddress, address, "from this address");
        if (user is not null)
        {
            Ensure(failuresByUser, user, "for this user");
        }
    }

    public void RecordFailure(string address, string? user)
    {
        failuresByAddress.AttemptAcquire(address).Dispose();
        if (user is not null)
        {
            failuresByUser.AttemptAcquire(user).Dispose();
        }
    }

    public void Dispose()
    {
        failuresByAddress.Dispose();
        failuresByUser.Dispose();
    }

    private static PartitionedRateLimiter<string> Failures(int limit, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit,
            Window = window,
            QueueLimit = 0,
        }));

    private static void Ensure(PartitionedRateLimiter<string> failures, string key, string scope)
    {
        // Acquiring no permit asks whether any is left without spending one: only failures spend them.
        using var lease = failures.AttemptAcquire(key, permitCount: 0);
        if (lease.IsAcquired)
        {
            return;
        }

        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        throw ApiProblem.TooManyRequests(
            $"Too many failed sign-ins {scope}; try again in {seconds.ToString(CultureInfo.InvariantCulture)} seconds.", seconds);
    }
}
