using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace McpGateway.Shared.Configuration;

public sealed class PromptOptions
{
    [ConfigurationKeyName("MAX_PROMPT_SIZE")]
    [Range(1, 16 * 1024 * 1024, ErrorMessage = "MAX_PROMPT_SIZE must be between {1} and {2} bytes.")]
    public int MaxPromptSize { get; set; } = 102400;

    [ConfigurationKeyName("PROMPT_RENDER_TIMEOUT")]
    [Range(1, 600, ErrorMessage = "PROMPT_RENDER_TIMEOUT must be between {1} and {2} seconds.")]
    public int RenderTimeoutSeconds { get; set; } = 10;

    /// <summary>How many parsed templates are kept in memory.</summary>
    [ConfigurationKeyName("PROMPT_CACHE_SIZE")]
    [Range(1, 100_000, ErrorMessage = "PROMPT_CACHE_SIZE must be between {1} and {2}.")]
    public int CacheSize { get; set; } = 100;
}
