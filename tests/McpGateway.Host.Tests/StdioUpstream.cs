using System.Text.Json.Nodes;

namespace McpGateway.Host.Tests;

/// <summary>The reference upstream (McpGateway.ConformanceUpstream) run by <c>dotnet</c> as a stdio peer.</summary>
public static class StdioUpstream
{
    public static string Assembly =>
        RepositoryPaths.Combine("tests", "McpGateway.ConformanceUpstream", "bin", RepositoryPaths.Configuration, "net10.0", "McpGateway.ConformanceUpstream.dll");

    /// <summary>The body of POST /gateways that registers it as <paramref name="name"/> with the environment <paramref name="env"/>.</summary>
    public static JsonObject Registration(string name, IReadOnlyDictionary<string, string> env, string command = "dotnet") => new()
    {
        ["name"] = name,
        ["transport"] = "STDIO",
        ["command"] = command,
        ["args"] = new JsonArray(Assembly, "--stdio"),
        ["env"] = new JsonObject(env.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)e.Value))),
    };
}
