using System.Text.Json;
using System.Text.RegularExpressions;
using McpGateway.Shared.Catalog.Credentials;
using McpGateway.Shared.Catalog.Tools;
using Microsoft.AspNetCore.WebUtilities;

namespace McpGateway.Shared.Upstreams.Rest;

/// <summary>
/// Turns a REST tool and call arguments into an HTTP request, as ContextForge does: <c>{name}</c> placeholders in
/// the URL take the argument of that name (URL-encoded), the other arguments go into the query string for GET and
/// DELETE (arrays as repeated parameters, objects as JSON text) and into a JSON object body for POST, PUT and PATCH.
/// </summary>
internal static partial class RestRequestBuilder
{
    private static readonly IReadOnlyDictionary<string, JsonElement> NoArguments = new Dictionary<string, JsonElement>();

    /// <exception cref="RestToolException">A placeholder has no argument, or the URL it makes is not valid.</exception>
    public static RestRequest Build(ToolRecord tool, IDictionary<string, JsonElement>? arguments, IReadOnlyDictionary<string, string> authHeaders)
    {
        var url = tool.Url ?? throw new RestToolException($"The REST tool '{tool.Name}' has no URL.");
        IReadOnlyDictionary<string, JsonElement> remaining = arguments is null ? NoArguments : arguments as IReadOnlyDictionary<string, JsonElement> ?? arguments.AsReadOnly();
        if (url.Contains('{', StringComparison.Ordinal))
        {
            var unplaced = new Dictionary<string, JsonElement>(remaining, StringComparer.Ordinal);
            url = Placeholder().Replace(url, match => Uri.EscapeDataString(PlaceholderValue(match.Groups[1].Value, unplaced)));
            remaining = unplaced;
        }

        var method = HttpMethod.Parse(tool.RequestType);
        var sendsBody = method != HttpMethod.Get && method != HttpMethod.Delete;
        if (!sendsBody && remaining.Count > 0)
        {
            url = QueryHelpers.AddQueryString(url, remaining.SelectMany(argument => QueryValues(argument.Key, argument.Value)));
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw new RestToolException($"The arguments make the URL of the REST tool '{tool.Name}' invalid.");
        }

        return new RestRequest(method, UrlUserInfo.Without(uri), Headers(tool, authHeaders), sendsBody ? ToolArguments.ToJsonObject(remaining) : null);
    }

    /// <summary>The tool's configured headers and its credentials, which win over a configured header of the same name.</summary>
    private static IReadOnlyCollection<KeyValuePair<string, string>> Headers(ToolRecord tool, IReadOnlyDictionary<string, string> authHeaders) =>
        authHeaders.Count == 0
            ? tool.Headers
            : tool.Headers.Where(h => !authHeaders.Keys.Contains(h.Key, StringComparer.OrdinalIgnoreCase)).Concat(authHeaders).ToList();

    private static string PlaceholderValue(string name, Dictionary<string, JsonElement> remaining)
    {
        if (!remaining.Remove(name, out var value) || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            throw new RestToolException($"The argument '{name}' is required: the tool's URL contains {{{name}}}.");
        }

        return Text(value);
    }

    private static IEnumerable<KeyValuePair<string, string?>> QueryValues(string name, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => [],
        JsonValueKind.Array => value.EnumerateArray()
            .Where(item => item.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
            .Select(item => new KeyValuePair<string, string?>(name, Text(item))),
        _ => [new(name, Text(value))],
    };

    /// <summary>A string's own text; any other value (number, boolean, object, array) as its JSON text.</summary>
    private static string Text(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Placeholder();
}
