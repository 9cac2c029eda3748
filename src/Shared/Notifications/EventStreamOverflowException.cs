namespace McpGateway.Shared.Notifications;

/// <summary>A subscriber fell too far behind; its stream ends and the client resumes from the event log.</summary>
public sealed class EventStreamOverflowException(int capacity)
    : Exception($"The stream fell more than {capacity} events behind; reconnect with Last-Event-ID to resume.");
