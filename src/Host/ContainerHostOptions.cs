using System.ComponentModel.DataAnnotations;

namespace McpGateway.Host;

/// <summary>Where the container host listens (ContextForge's HOST and PORT).</summary>
public sealed class ContainerHostOptions
{
    [ConfigurationKeyName("HOST")]
    [Required(AllowEmptyStrings = false, ErrorMessage = "HOST must not be empty.")]
    public string Host { get; set; } = "127.0.0.1";

    [ConfigurationKeyName("PORT")]
    [Range(0, 65535, ErrorMessage = "PORT must be between {1} and {2} (0 picks a free port).")]
    public int Port { get; set; } = 4444;

    [ConfigurationKeyName("LOG_LEVEL")]
    [RegularExpression("^(?i)(TRACE|DEBUG|INFO|INFORMATION|WARN|WARNING|ERROR|CRITICAL|NONE)$",
        ErrorMessage = "LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL.")]
    public string LogLevel { get; set; } = "INFO";

    public string Url => $"http://{(Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host)}:{Port}";

    public Microsoft.Extensions.Logging.LogLevel MinimumLogLevel => LogLevel.ToUpperInvariant() switch
    {
        "TRACE" => Microsoft.Extensions.Logging.LogLevel.Trace,
        "DEBUG" => Microsoft.Extensions.Logging.LogLevel.Debug,
        "WARN" or "WARNING" => Microsoft.Extensions.Logging.LogLevel.Warning,
        "ERROR" => Microsoft.Extensions.Logging.LogLevel.Error,
        "CRITICAL" => Microsoft.Extensions.Logging.LogLevel.Critical,
        "NONE" => Microsoft.Extensions.Logging.LogLevel.None,
        _ => Microsoft.Extensions.Logging.LogLevel.Information,
    };
}
