using System.Text;
using System.Text.RegularExpressions;
using System.Web;

namespace McpGateway.Shared.Protocol;

/// <summary>
/// Matches a URI against an RFC 6570 URI template and extracts its variables, the reverse of expansion:
/// <c>file:///logs/{date}.txt</c> matches <c>file:///logs/2024-05-01.txt</c> with date = 2024-05-01.
/// Handles simple, reserved (+), fragment (#), label (.), path (/) and query (?, &amp;) expressions.
/// </summary>
public static partial class UriTemplateMatcher
{
    public static IReadOnlyDictionary<string, string>? Match(string template, string uri)
    {
        var queryNames = new List<string>();
        var pattern = new StringBuilder("^");
        var last = 0;
        foreach (Match expression in Expression().Matches(template))
        {
            pattern.Append(Regex.Escape(template[last..expression.Index]));
            last = expression.Index + expression.Length;
            var op = expression.Groups["op"].Value;
            var names = expression.Groups["vars"].Value.Split(',').Select(v => v.TrimEnd('*').Split(':')[0]).ToList();
            if (op is "?" or "&")
            {
                queryNames.AddRange(names);
                pattern.Append(@$"(?:\{op}(?<__query{queryNames.Count}>[^#]*))?");
                continue;
            }

            var (prefix, separator, valuePattern) = op switch
            {
                "+" => (string.Empty, ",", ".*?"),
                "#" => ("#", ",", ".*?"),
                "." => (".", ".", "[^./?#]*"),
                "/" => ("/", "/", "[^/?#]*"),
                ";" => (";", ";", "[^;/?#]*"),
                _ => (string.Empty, ",", "[^/?#,&]*"),
            };
            pattern.Append(Regex.Escape(prefix));
            pattern.Append(string.Join(Regex.Escape(separator), names.Select(name => $"(?<{GroupName(name)}>{valuePattern})")));
        }

        pattern.Append(Regex.Escape(template[last..])).Append('$');
        var match = Regex.Match(uri, pattern.ToString(), RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        if (!match.Success)
        {
            return null;
        }

        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match expression in Expression().Matches(template))
        {
            foreach (var name in expression.Groups["vars"].Value.Split(',').Select(v => v.TrimEnd('*').Split(':')[0]))
            {
                if (match.Groups[GroupName(name)] is { Success: true } group)
                {
                    variables[name] = Uri.UnescapeDataString(group.Value);
                }
            }
        }

        foreach (var query in match.Groups.Cast<Group>().Where(g => g.Success && g.Name.StartsWith("__query", StringComparison.Ordinal)))
        {
            var parsed = HttpUtility.ParseQueryString(query.Value);
            foreach (var name in queryNames.Where(n => parsed[n] is not null))
            {
                variables[name] = parsed[name]!;
            }
        }

        return variables;
    }

    /// <summary>Regex group names must be identifiers; template variable names may contain dots and percent-escapes.</summary>
    private static string GroupName(string variable) => "v_" + Convert.ToHexString(Encoding.UTF8.GetBytes(variable));

    [GeneratedRegex(@"\{(?<op>[+#./;?&]?)(?<vars>[^}]+)\}")]
    private static partial Regex Expression();
}
