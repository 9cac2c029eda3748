using System.Text.RegularExpressions;
using McpGateway.Shared.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace McpGateway.Shared.Catalog.Resources;

/// <summary>The rules of resource URIs, RFC 6570 URI templates and MIME types.</summary>
public static partial class ResourceValidation
{
    public const string TextFallback = "text/plain";
    public const string BinaryFallback = "application/octet-stream";

    private const int MaxMimeTypeLength = 255;
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();
    private static readonly Dictionary<string, object?> NoVariables = [];

    public static bool IsTemplate(string uri) => uri.Contains('{', StringComparison.Ordinal) || uri.Contains('}', StringComparison.Ordinal);

    /// <summary>
    /// An absolute URI of any scheme (<c>config://app/settings</c>, <c>file:///data/a.txt</c>) or an absolute URI
    /// template, kept exactly as sent: it is the resource's identity.
    /// </summary>
    public static string Uri(string? value, string field = "uri")
    {
        var text = CatalogValidation.Required(value, field);
        if (IsTemplate(text))
        {
            return Template(text, field);
        }

        if (!IsAbsolute(text) || !System.Uri.TryCreate(text, UriKind.Absolute, out _))
        {
            throw ApiProblem.Invalid(
                field,
                $"'{field}' must be an absolute URI such as config://app/settings (at most {CatalogValidation.MaxUrlLength} characters), or an RFC 6570 URI template.");
        }

        return text;
    }

    /// <summary>An absolute RFC 6570 URI template such as <c>file:///logs/{date}.txt</c>.</summary>
    public static string Template(string? value, string field = "uri_template")
    {
        var text = CatalogValidation.Required(value, field);
        if (!IsAbsolute(text))
        {
            throw ApiProblem.Invalid(field, $"'{field}' must be an absolute URI template such as file:///logs/{{date}}.txt, starting with a scheme.");
        }

        try
        {
            Expand(text);
        }
        catch (ArgumentException ex)
        {
            throw ApiProblem.Invalid(field, $"'{field}' is not a valid RFC 6570 URI template: {ex.Message}.");
        }

        return text;
    }

    /// <summary>A media type such as <c>text/plain; charset=utf-8</c>, without wildcards.</summary>
    public static string MimeType(string value, string field = "mime_type")
    {
        var text = value.Trim();
        if (text.Length is 0 or > MaxMimeTypeLength
            || !MediaTypeHeaderValue.TryParse(text, out var parsed)
            || parsed.MatchesAllTypes
            || parsed.MatchesAllSubTypes)
        {
            throw ApiProblem.Invalid(field, $"'{field}' must be a media type such as text/plain or application/json.");
        }

        return text;
    }

    /// <summary>
    /// The type the file extension of the URI's path, or else of the name, tells; otherwise text/plain for text
    /// and application/octet-stream for binary content, and nothing for a template.
    /// </summary>
    public static string? Detect(string uri, string name, bool binary, bool template)
    {
        var concrete = template ? Expand(uri) : uri;
        var path = System.Uri.TryCreate(concrete, UriKind.Absolute, out var parsed) ? parsed.AbsolutePath : concrete;
        if (ContentTypes.TryGetContentType(path, out var type) || ContentTypes.TryGetContentType(name, out type))
        {
            return type;
        }

        return template ? null : binary ? BinaryFallback : TextFallback;
    }

    /// <summary>Rejects a type outside ALLOWED_MIME_TYPES (entries may be ranges such as image/*); an empty list allows any.</summary>
    public static void Allowed(string? mimeType, IReadOnlyList<string> allowed, string field = "mime_type")
    {
        if (mimeType is null || allowed.Count == 0)
        {
            return;
        }

        var type = MediaTypeHeaderValue.Parse(mimeType);
        if (!allowed.Any(entry => MediaTypeHeaderValue.TryParse(entry, out var range) && type.IsSubsetOf(range)))
        {
            throw ApiProblem.Invalid(field, $"The MIME type '{mimeType}' is not one of ALLOWED_MIME_TYPES ({string.Join(", ", allowed)}).");
        }
    }

    /// <summary>The template with every expression expanded to nothing; throws ArgumentException when the template is malformed.</summary>
    private static string Expand(string template) => Std.UriTemplate.Expand(template, NoVariables);

    private static bool IsAbsolute(string text) =>
        text.Length <= CatalogValidation.MaxUrlLength && SchemePrefix().IsMatch(text) && !text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]*:")]
    private static partial Regex SchemePrefix();
}
