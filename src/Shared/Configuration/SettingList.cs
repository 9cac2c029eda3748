using System.ComponentModel.DataAnnotations;
using System.Text.Json;

namespace McpGateway.Shared.Configuration;

/// <summary>
/// List-valued settings written as a JSON array (ContextForge's form, <c>["a","b"]</c>) or as a
/// comma-separated list.
/// </summary>
public static class SettingList
{
    public static IReadOnlyList<string> Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return [];
        }

        var trimmed = value.Trim();
        return trimmed.StartsWith('[')
            ? JsonSerializer.Deserialize<string[]>(trimmed) ?? []
            : trimmed.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
    }

    public static IEnumerable<ValidationResult> Validate(string? value, string settingName)
    {
        string? error = null;
        try
        {
            Parse(value);
        }
        catch (JsonException)
        {
            error = $"{settingName} must be a JSON array of strings, such as [\"a\",\"b\"], or a comma-separated list.";
        }

        if (error is not null)
        {
            yield return new ValidationResult(error);
        }
    }
}
