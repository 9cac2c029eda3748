using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace McpGateway.Shared.Configuration;

/// <summary>How long an instance serves the sessions of pre-2026 clients from memory, and when they idle out.</summary>
public sealed class McpSessionOptions : IValidatableObject
{
    /// <summary>
    /// Seconds an instance serves a session from memory before it checks the session in storage again (and moves its
    /// last-seen time): how long a session ended on another instance may still be served here.
    /// </summary>
    [ConfigurationKeyName("MCP_SESSION_REFRESH_INTERVAL")]
    [Range(1, 3600, ErrorMessage = "MCP_SESSION_REFRESH_INTERVAL must be between {1} and {2} seconds.")]
    public int RefreshIntervalSeconds { get; set; } = 10;

    /// <summary>Seconds a session may go unused before it ends.</summary>
    [ConfigurationKeyName("MCP_SESSION_IDLE_TIMEOUT")]
    [Range(10, 30 * 86_400, ErrorMessage = "MCP_SESSION_IDLE_TIMEOUT must be between {1} and {2} seconds.")]
    public int IdleTimeoutSeconds { get; set; } = 3600;

    public TimeSpan RefreshInterval => TimeSpan.FromSeconds(RefreshIntervalSeconds);

    public TimeSpan IdleTimeout => TimeSpan.FromSeconds(IdleTimeoutSeconds);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // A session in use moves its last-seen time once per refresh interval; a shorter timeout would end it while in use.
        if (IdleTimeoutSeconds <= 2 * RefreshIntervalSeconds)
        {
            yield return new ValidationResult(
                $"MCP_SESSION_IDLE_TIMEOUT ({IdleTimeoutSeconds} s) must be more than twice MCP_SESSION_REFRESH_INTERVAL ({RefreshIntervalSeconds} s).");
        }
    }
}
