using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace McpGateway.Shared.Notifications;

/// <summary>How events are kept and streamed (SSE_RETRY_TIMEOUT is ContextForge's; the others follow its naming).</summary>
public sealed class EventOptions
{
    /// <summary>Milliseconds a disconnected SSE client waits before reconnecting (the stream's <c>retry:</c> field).</summary>
    [ConfigurationKeyName("SSE_RETRY_TIMEOUT")]
    [Range(1, 3_600_000, ErrorMessage = "SSE_RETRY_TIMEOUT must be between {1} and {2} milliseconds.")]
    public int RetryTimeoutMilliseconds { get; set; } = 5000;

    [ConfigurationKeyName("SSE_KEEPALIVE_ENABLED")]
    public bool KeepAliveEnabled { get; set; } = true;

    /// <summary>Seconds between <c>: keep-alive</c> comments on an idle stream, so proxies do not close it.</summary>
    [ConfigurationKeyName("SSE_KEEPALIVE_INTERVAL")]
    [Range(1, 3600, ErrorMessage = "SSE_KEEPALIVE_INTERVAL must be between {1} and {2} seconds.")]
    public int KeepAliveIntervalSeconds { get; set; } = 30;

    /// <summary>Seconds events stay in the event log, which bounds how far back Last-Event-ID can resume.</summary>
    [ConfigurationKeyName("EVENT_RETENTION")]
    [Range(60, 30 * 86_400, ErrorMessage = "EVENT_RETENTION must be between {1} and {2} seconds.")]
    public int RetentionSeconds { get; set; } = 3600;

    /// <summary>Milliseconds between reads of the event log while streams are open (events of other instances arrive this way).</summary>
    [ConfigurationKeyName("EVENT_POLL_INTERVAL")]
    [Range(50, 60_000, ErrorMessage = "EVENT_POLL_INTERVAL must be between {1} and {2} milliseconds.")]
    public int PollIntervalMilliseconds { get; set; } = 500;
}
