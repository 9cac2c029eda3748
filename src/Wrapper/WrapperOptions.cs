using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace McpGateway.Wrapper;

/// <summary>The wrapper's settings, named as ContextForge's mcpgateway-wrapper names them.</summary>
public sealed class WrapperOptions : IValidatableObject
{
    /// <summary>
    /// The gateway to forward to: its base URL (<c>http://gateway:4444</c>), a virtual server's
    /// (<c>http://gateway:4444/servers/{id}</c>) or an MCP endpoint itself (ending in <c>/mcp</c> or <c>/sse</c>).
    /// </summary>
    [ConfigurationKeyName("MCP_SERVER_CATALOG_URLS")]
    [Required(AllowEmptyStrings = false, ErrorMessage = "MCP_SERVER_CATALOG_URLS must name the gateway, e.g. http://localhost:4444, or a virtual server: http://localhost:4444/servers/SERVER_ID.")]
    public string CatalogUrls { get; set; } = string.Empty;

    /// <summary>Sent as <c>Authorization: Bearer ...</c> with every request to the gateway.</summary>
    [ConfigurationKeyName("MCP_AUTH_TOKEN")]
    public string? AuthToken { get; set; }

    [ConfigurationKeyName("MCP_TOOL_CALL_TIMEOUT")]
    [Range(1, 86400, ErrorMessage = "MCP_TOOL_CALL_TIMEOUT must be between {1} and {2} seconds.")]
    public int ToolCallTimeoutSeconds { get; set; } = 90;

    [ConfigurationKeyName("MCP_WRAPPER_LOG_LEVEL")]
    [RegularExpression("^(?i)(DEBUG|INFO|WARNING|ERROR|CRITICAL|OFF)$", ErrorMessage = "MCP_WRAPPER_LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL, OFF.")]
    public string LogLevel { get; set; } = "INFO";

    public TimeSpan ToolCallTimeout => TimeSpan.FromSeconds(ToolCallTimeoutSeconds);

    /// <summary>
    /// The gateway's MCP endpoint: the URL as given when it names one, else its <c>/mcp</c> (Streamable HTTP).
    /// A method, not a property: validation reads every property, and this one is only defined for a valid URL.
    /// </summary>
    public Uri McpEndpoint()
    {
        var url = CatalogUrls.Trim().TrimEnd('/');
        return new Uri(url.EndsWith("/mcp", StringComparison.OrdinalIgnoreCase) || url.EndsWith("/sse", StringComparison.OrdinalIgnoreCase) ? url : url + "/mcp");
    }

    public Microsoft.Extensions.Logging.LogLevel MinimumLogLevel => LogLevel.ToUpperInvariant() switch
    {
        "DEBUG" => Microsoft.Extensions.Logging.LogLevel.Debug,
        "WARNING" => Microsoft.Extensions.Logging.LogLevel.Warning,
        "ERROR" => Microsoft.Extensions.Logging.LogLevel.Error,
        "CRITICAL" => Microsoft.Extensions.Logging.LogLevel.Critical,
        "OFF" => Microsoft.Extensions.Logging.LogLevel.None,
        _ => Microsoft.Extensions.Logging.LogLevel.Information,
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var urls = CatalogUrls.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (urls.Length > 1)
        {
            yield return new ValidationResult(
                $"MCP_SERVER_CATALOG_URLS names {urls.Length} URLs; the wrapper forwards to one gateway (bundle items in a virtual server and give its URL).",
                [nameof(CatalogUrls)]);
        }
        else if (urls.Length == 1 && (!Uri.TryCreate(urls[0], UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            yield return new ValidationResult($"MCP_SERVER_CATALOG_URLS must be an absolute http or https URL; got '{urls[0]}'.", [nameof(CatalogUrls)]);
        }
    }
}
