namespace McpGateway.Shared.Observability.Metrics;

/// <summary>One roll-up row: the calls of one item, in one minute (its start in UTC ticks), counted by one instance.</summary>
public readonly record struct RollupKey(string Kind, string ItemId, long Minute, string Instance)
{
    public static long MinuteOf(DateTimeOffset at) => at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMinute);
}
