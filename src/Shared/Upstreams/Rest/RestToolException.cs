namespace McpGateway.Shared.Upstreams.Rest;

/// <summary>A REST tool call that cannot be made or understood; the message is safe to show to the caller.</summary>
internal sealed class RestToolException(string message) : Exception(message);
