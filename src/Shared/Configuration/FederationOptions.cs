using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace McpGateway.Shared.Configuration;

/// <summary>How the gateway federates upstream MCP servers and peer gateways (ContextForge's names).</summary>
public sealed class FederationOptions : IValidatableObject
{
    [ConfigurationKeyName("FEDERATION_ENABLED")]
    public bool Enabled { get; set; } = true;

    /// <summary>Peer URLs registered at start-up: a JSON array or a comma-separated list.</summary>
    [ConfigurationKeyName("FEDERATION_PEERS")]
    public string? Peers { get; set; }

    /// <summary>Seconds an upstream request (connect, list, call) may take.</summary>
    [ConfigurationKeyName("FEDERATION_TIMEOUT")]
    [Range(1, 3600, ErrorMessage = "FEDERATION_TIMEOUT must be between {1} and {2} seconds.")]
    public int TimeoutSeconds { get; set; } = 30;

    [ConfigurationKeyName("FEDERATION_SYNC_INTERVAL")]
    [Range(10, 86_400, ErrorMessage = "FEDERATION_SYNC_INTERVAL must be between {1} and {2} seconds.")]
    public int SyncIntervalSeconds { get; set; } = 300;

    /// <summary>Joins a gateway's slug and an upstream item's name into the federated name.</summary>
    [ConfigurationKeyName("GATEWAY_TOOL_NAME_SEPARATOR")]
    [RegularExpression(@"^[-_.:/~]{1,3}$", ErrorMessage = "GATEWAY_TOOL_NAME_SEPARATOR must be 1 to 3 of the characters - _ . : / ~.")]
    public string NameSeparator { get; set; } = "-";

    [ConfigurationKeyName("HEALTH_CHECK_INTERVAL")]
    [Range(5, 86_400, ErrorMessage = "HEALTH_CHECK_INTERVAL must be between {1} and {2} seconds.")]
    public int HealthCheckIntervalSeconds { get; set; } = 60;

    [ConfigurationKeyName("HEALTH_CHECK_TIMEOUT")]
    [Range(1, 600, ErrorMessage = "HEALTH_CHECK_TIMEOUT must be between {1} and {2} seconds.")]
    public int HealthCheckTimeoutSeconds { get; set; } = 10;

    /// <summary>Failed health checks in a row after which a gateway is marked unreachable.</summary>
    [ConfigurationKeyName("UNHEALTHY_THRESHOLD")]
    [Range(1, 100, ErrorMessage = "UNHEALTHY_THRESHOLD must be between {1} and {2}.")]
    public int UnhealthyThreshold { get; set; } = 3;

    /// <summary>
    /// The programs stdio peers may run: names looked up on PATH, or absolute paths (a JSON array or a comma-separated
    /// list). Empty refuses every stdio peer.
    /// </summary>
    [ConfigurationKeyName("STDIO_ALLOWED_COMMANDS")]
    public string? StdioAllowedCommands { get; set; }

    public IReadOnlyList<string> ParsePeers() => SettingList.Parse(Peers);

    public IReadOnlyList<string> ParseStdioAllowedCommands() => SettingList.Parse(StdioAllowedCommands);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var lists = SettingList.Validate(Peers, "FEDERATION_PEERS").Concat(SettingList.Validate(StdioAllowedCommands, "STDIO_ALLOWED_COMMANDS")).ToList();
        if (lists.Count > 0)
        {
            return lists;
        }

        // A relative path would name another program in each working directory.
        return ParseStdioAllowedCommands()
            .Where(command => !Path.IsPathFullyQualified(command) && command.IndexOfAny(['/', '\\']) >= 0)
            .Select(command => new ValidationResult($"STDIO_ALLOWED_COMMANDS must list program names or absolute paths; '{command}' is a relative path."))
            .ToList();
    }
}
