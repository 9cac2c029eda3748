namespace McpGateway.Shared.Notifications;

/// <summary>What one event becomes on a particular stream: its SSE <c>event:</c> name (none for MCP streams) and <c>data:</c>.</summary>
public sealed record SseFrame(string? EventName, string Data);

/// <summary>Turns an event into the frame a stream sends, or null when this stream has nothing to say about it.</summary>
public delegate ValueTask<SseFrame?> EventRenderer(GatewayEvent gatewayEvent, CancellationToken cancellationToken);
