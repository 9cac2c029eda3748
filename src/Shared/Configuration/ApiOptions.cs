using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace McpGateway.Shared.Configuration;

/// <summary>Settings of the HTTP surface shared by both hosts.</summary>
public sealed class ApiOptions
{
    [ConfigurationKeyName("APP_NAME")]
    [Required(AllowEmptyStrings = false, ErrorMessage = "APP_NAME must not be empty.")]
    public string AppName { get; set; } = "MCP Gateway";

    /// <summary>Sub-path the gateway is served under behind a reverse proxy, such as /gateway.</summary>
    [ConfigurationKeyName("APP_ROOT_PATH")]
    [RegularExpression("^(/[A-Za-z0-9._~-]+)*/?$", ErrorMessage = "APP_ROOT_PATH must be empty or a path such as /gateway.")]
    public string AppRootPath { get; set; } = string.Empty;

    [ConfigurationKeyName("MAX_REQUEST_BODY_SIZE")]
    [Range(1024, 1L << 30, ErrorMessage = "MAX_REQUEST_BODY_SIZE must be between {1} and {2} bytes.")]
    public long MaxRequestBodySize { get; set; } = 16 * 1024 * 1024;

    /// <summary>Largest page a list returns; lists without a limit return pages of this size.</summary>
    [ConfigurationKeyName("MAX_PAGE_SIZE")]
    [Range(1, 10_000, ErrorMessage = "MAX_PAGE_SIZE must be between {1} and {2}.")]
    public int MaxPageSize { get; set; } = 1000;

    /// <summary>APP_ROOT_PATH without a trailing slash ("" or "/gateway").</summary>
    public string NormalizedRootPath => AppRootPath.TrimEnd('/');
}
