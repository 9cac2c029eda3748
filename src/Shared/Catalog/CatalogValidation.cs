using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using McpGateway.Shared.Http;
using McpGateway.Shared.Upstreams.Outbound;

namespace McpGateway.Shared.Catalog;

/// <summary>
/// Field rules shared by every catalog kind: strict about types and sizes, permissive about the
/// characters real-world names and descriptions use (leading underscores, dots, slashes, any printable text).
/// </summary>
public static partial class CatalogValidation
{
    public const int MaxNameLength = 255;
    public const int MaxDescriptionLength = 8192;
    public const int MaxTags = 50;
    public const int MaxTagLength = 64;
    public const int MaxUrlLength = 2048;

    public static string Name(string? value, string field = "name") =>
        Required(value, field) is var name && name.Length > MaxNameLength
            ? throw ApiProblem.Invalid(field, $"'{field}' must be at most {MaxNameLength} characters.")
            : !IsDisplaySafe(name)
                ? throw ApiProblem.Invalid(
                    field, $"'{field}' must not contain control, format (bidirectional overrides, zero-width) or line-separator characters.")
                : name;

    /// <summary>
    /// True when <paramref name="name"/> shows as what it is: no control characters (Cc), no format characters (Cf: the
    /// bidirectional overrides and isolates that reorder text, the zero-width ones that hide in it), no line or paragraph
    /// separators (Zl, Zp) and no unpaired surrogates. A name that breaks this could pass for another in a list or a log.
    /// </summary>
    public static bool IsDisplaySafe(string name)
    {
        var rest = name.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var consumed) != OperationStatus.Done || IsHidden(Rune.GetUnicodeCategory(rune)))
            {
                return false;
            }

            rest = rest[consumed..];
        }

        return true;
    }

    public static string? Description(string? value, string field = "description") =>
        value is null ? null
            : value.Length > MaxDescriptionLength ? throw ApiProblem.Invalid(field, $"'{field}' must be at most {MaxDescriptionLength} characters.")
            : ContainsControl(value, allowLineBreaks: true) ? throw ApiProblem.Invalid(field, $"'{field}' must be printable text.")
            : value;

    public static string Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw ApiProblem.Invalid(field, $"'{field}' is required and must not be blank.") : value.Trim();

    public static Uri HttpUrl(string? value, string field = "url")
    {
        var text = Required(value, field);
        if (text.Length > MaxUrlLength
            || !Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw ApiProblem.Invalid(field, $"'{field}' must be an absolute http or https URL of at most {MaxUrlLength} characters.");
        }

        return uri;
    }

    /// <summary>
    /// An http(s) URL the gateway will connect to: its host, as written, must pass the outbound policy. A name is
    /// checked again on the addresses it resolves to whenever the gateway connects.
    /// </summary>
    public static Uri OutboundUrl(string? value, OutboundPolicy outbound, string field = "url")
    {
        var uri = HttpUrl(value, field);
        return outbound.Check(uri) is { } refusal ? throw ApiProblem.Invalid(field, $"'{field}' cannot be connected to: {refusal}.") : uri;
    }

    /// <summary>Trims, lower-cases and de-duplicates tags, as ContextForge does.</summary>
    public static IReadOnlyList<string> Tags(IEnumerable<string?>? values, string field = "tags")
    {
        if (values is null)
        {
            return [];
        }

        var tags = new List<string>();
        foreach (var value in values)
        {
            var tag = value?.Trim().ToLowerInvariant();
            if (string.IsNullOrEmpty(tag) || tag.Length > MaxTagLength || !TagPattern().IsMatch(tag))
            {
                throw ApiProblem.Invalid(field, $"Each tag must be 1 to {MaxTagLength} letters, digits, or '-', '_', '.', ':', '/' characters.");
            }

            if (!tags.Contains(tag))
            {
                tags.Add(tag);
            }
        }

        return tags.Count > MaxTags ? throw ApiProblem.Invalid(field, $"At most {MaxTags} tags are allowed.") : tags;
    }

    /// <summary>HTTP header names must be RFC 9110 tokens and values single-line.</summary>
    public static IReadOnlyDictionary<string, string> Headers(IReadOnlyDictionary<string, string>? headers, string field = "headers")
    {
        if (headers is null)
        {
            return new Dictionary<string, string>();
        }

        foreach (var (name, value) in headers)
        {
            if (!HeaderNamePattern().IsMatch(name) || ContainsControl(value ?? string.Empty, allowLineBreaks: false))
            {
                throw ApiProblem.Invalid(field, $"'{name}' is not a valid HTTP header name, or its value is not single-line text.");
            }
        }

        return headers;
    }

    private static bool IsHidden(UnicodeCategory category) => category
        is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    private static bool ContainsControl(string text, bool allowLineBreaks) =>
        text.Any(c => char.IsControl(c) && !(allowLineBreaks && c is '\n' or '\r' or '\t'));

    [GeneratedRegex(@"^[\p{L}\p{N}_\-.:/]+$")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$")]
    private static partial Regex HeaderNamePattern();
}
