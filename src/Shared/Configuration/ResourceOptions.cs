using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace McpGateway.Shared.Configuration;

public sealed class ResourceOptions : IValidatableObject
{
    [ConfigurationKeyName("MAX_RESOURCE_SIZE")]
    [Range(1, 256L * 1024 * 1024, ErrorMessage = "MAX_RESOURCE_SIZE must be between {1} and {2} bytes.")]
    public long MaxResourceSize { get; set; } = 10 * 1024 * 1024;

    /// <summary>JSON array (or comma-separated list) of MIME types resources may have; empty allows any.</summary>
    [ConfigurationKeyName("ALLOWED_MIME_TYPES")]
    public string? AllowedMimeTypes { get; set; }

    /// <summary>ALLOWED_MIME_TYPES as a list (a method, so validation does not evaluate it before the value is checked).</summary>
    public IReadOnlyList<string> ParseAllowedMimeTypes() => SettingList.Parse(AllowedMimeTypes);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        SettingList.Validate(AllowedMimeTypes, "ALLOWED_MIME_TYPES");
}
