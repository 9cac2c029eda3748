namespace McpGateway.Shared.Observability;

/// <summary>An item's (or a kind's) calls over time in equal buckets, as <c>GET /metrics/history</c> returns them.</summary>
public sealed record MetricsHistory(string Entity, string? Id, DateTimeOffset From, DateTimeOffset To, double BucketSeconds, IReadOnlyList<MetricsHistoryPoint> Points);

/// <param name="Start">The start of the bucket (exclusive).</param>
/// <param name="AvgResponseTime">Mean latency in seconds, or null without calls.</param>
public sealed record MetricsHistoryPoint(DateTimeOffset Start, int Calls, int Failures, double? AvgResponseTime);
