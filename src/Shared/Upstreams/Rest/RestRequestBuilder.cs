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
    /// <exception cref="RestToolException">A placeholder has no argument, or the URL it makes is not valid.</exception>
    public static RestRequest Build(ToolRecord tool, IDictionary<string, JsonElement>? arguments, IReadOnlyDictionary<string, string> authHeaders)
    {
        var remaining = new Dictionary<string, JsonElement>(arguments ?? new Dictionary<string, JsonElement>(), StringComparer.Ordinal);
        var url = Placeholder().Replace(
            tool.Url ?? throw new RestToolException($"The REST tool '{tool.Name}' has no URL."),
            match => Uri.EscapeDataString(PlaceholderValue(match.Groups[1].Value, remaining)));

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

        // Credentials win over a configured header of the same name.
        var headers = tool.Headers
            .Where(h => !authHeaders.Keys.Contains(h.Key, StringComparer.OrdinalIgnoreCase))
            .Concat(authHeaders)
            .ToList();
        return new RestRequest(method, UrlUserInfo.Without(uri), headers, sendsBody ? ToolArguments.ToJsonObject(remaining) : null);
    }

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
