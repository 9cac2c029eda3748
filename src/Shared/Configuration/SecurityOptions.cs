using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace McpGateway.Shared.Configuration;

public sealed class SecurityOptions : IValidatableObject
{
    /// <summary>
    /// Browser origins allowed to call the MCP endpoints (DNS-rebinding protection); a JSON array or
    /// comma-separated list, <c>*</c> for any. Requests without an Origin header (non-browser clients) always pass.
    /// </summary>
    [ConfigurationKeyName("ALLOWED_ORIGINS")]
    public string AllowedOrigins { get; set; } = """["http://localhost","http://localhost:4444"]""";

    public IReadOnlyList<string> ParseAllowedOrigins() => SettingList.Parse(AllowedOrigins);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        SettingList.Validate(AllowedOrigins, "ALLOWED_ORIGINS");
}
