using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace McpGateway.Shared.Configuration;

/// <summary>Limits applied to every call of a REST tool, per tool.</summary>
public sealed class ToolOptions
{
    /// <summary>Seconds a call may take in total, retries included.</summary>
    [ConfigurationKeyName("TOOL_TIMEOUT")]
    [Range(1, 3600, ErrorMessage = "TOOL_TIMEOUT must be between {1} and {2} seconds.")]
    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>Retries after a transient failure (5xx, 408, 429, connection error); 0 turns retries off.</summary>
    [ConfigurationKeyName("MAX_TOOL_RETRIES")]
    [Range(0, 10, ErrorMessage = "MAX_TOOL_RETRIES must be between {1} and {2}.")]
    public int MaxRetries { get; set; } = 3;

    /// <summary>Calls per minute each tool accepts.</summary>
    [ConfigurationKeyName("TOOL_RATE_LIMIT")]
    [Range(1, 1_000_000, ErrorMessage = "TOOL_RATE_LIMIT must be between {1} and {2} calls per minute.")]
    public int RateLimitPerMinute { get; set; } = 100;

    /// <summary>Calls of one tool that may run at the same time.</summary>
    [ConfigurationKeyName("TOOL_CONCURRENT_LIMIT")]
    [Range(1, 10_000, ErrorMessage = "TOOL_CONCURRENT_LIMIT must be between {1} and {2}.")]
    public int ConcurrentLimit { get; set; } = 10;
}
