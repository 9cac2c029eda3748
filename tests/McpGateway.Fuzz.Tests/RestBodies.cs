using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using McpGateway.Shared.Http;

namespace McpGateway.Fuzz.Tests;

/// <summary>
/// Request bodies for the REST routes: objects whose members are the fields of the gateway's input types (found by
/// reflection, so a new field is fuzzed too), in snake_case and camelCase, bare or wrapped by entity, with values
/// that fit the field or any JSON. URLs are loopback ones only, and commands run nothing.
/// </summary>
public static class RestBodies
{
    private static readonly string[] Wrappers = ["tool", "resource", "prompt", "server", "gateway", "root"];

    private static readonly string[] FieldNames =
    [
        .. typeof(GatewayRequest).Assembly.GetTypes()
            .Where(type => type.IsPublic && type.Name.EndsWith("Input", StringComparison.Ordinal))
            .SelectMany(type => type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            .SelectMany(property => new[] { JsonNamingPolicy.CamelCase.ConvertName(property.Name), JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name) })
            .Distinct(),
    ];

    private static Gen<JsonObject> Entity { get; } = Members.ObjectOf(FieldNames.Select(name => (name, ValueFor(name))));

    public static Gen<JsonNode?> Any { get; } = Gen.Frequency(
        (6, Entity.Select(entity => (JsonNode?)entity)),
        (2, Gen.Select(Gen.OneOf(Wrappers), Entity, (wrapper, entity) => (JsonNode?)new JsonObject { [wrapper] = entity })),
        (1, JsonGen.Value));

    /// <summary>A value that fits a field by its name, so that the request gets past the first check.</summary>
    private static Gen<JsonNode?> ValueFor(string field) => field.ToLowerInvariant() switch
    {
        var f when f.Contains("url", StringComparison.Ordinal) => Members.Strings("http://127.0.0.1:1/fuzz", "http://localhost:1/", "http://[::1]:1/", "ftp://127.0.0.1/x", "not a url", ""),
        var f when f.Contains("uri", StringComparison.Ordinal) => Members.Strings("config://fuzz/other", "file:///fuzz/{date}.txt", "/fuzz-root/sub", "file:///etc/passwd", "", "no scheme"),
        var f when f.Contains("schema", StringComparison.Ordinal) => Gen.OneOf("""{"type":"object","properties":{"a":{"type":"string"}}}""", """{"type":"nope"}""", """{"$ref":"#/x"}""", "[]")
            .Select(text => JsonNode.Parse(text)),
        var f when f.Contains("command", StringComparison.Ordinal) => Members.Strings("no-such-fuzz-command", ""),
        var f when f.Contains("template", StringComparison.Ordinal) => Members.Strings("Hello {{ user }}", "{{ for i in 1..100000000 }}x{{ end }}", "{{ include 'x' }}", "{{", ""),
        var f when f.Contains("tags", StringComparison.Ordinal) || f.StartsWith("associated", StringComparison.Ordinal) || f == "args" =>
            JsonGen.Text.Array[0, 4].Select(items => (JsonNode?)new JsonArray([.. items.Select(item => (JsonNode?)item)])),
        var f when f.Contains("enabled", StringComparison.Ordinal) || f.StartsWith("is", StringComparison.Ordinal) => Gen.Bool.Select(b => (JsonNode?)b),
        var f when f.Contains("headers", StringComparison.Ordinal) || f == "env" => Members.Node(Members.ObjectOf([("X-Fuzz", JsonGen.Text.Select(t => (JsonNode?)t))])),
        _ => JsonGen.Scalar,
    };
}
