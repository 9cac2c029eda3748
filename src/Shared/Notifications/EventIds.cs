using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace McpGateway.Shared.Notifications;

/// <summary>
/// Event ids that sort by time as plain strings: the UTC ticks of the event (19 digits) and 8 random hex digits
/// that keep ids of the same tick on different instances apart. They are the row keys of the <see cref="EventLog"/>,
/// so "everything after Last-Event-ID" is one range query that any instance can answer.
/// </summary>
public static partial class EventIds
{
    public static string New(DateTimeOffset time) =>
        $"{Floor(time)}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";

    /// <summary>A key that sorts before every id of <paramref name="time"/> and after every earlier one.</summary>
    public static string Floor(DateTimeOffset time) => time.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);

    public static bool IsWellFormed(string? id) => id is not null && Shape().IsMatch(id);

    [GeneratedRegex("^[0-9]{19}-[0-9a-f]{8}$")]
    private static partial Regex Shape();
}
