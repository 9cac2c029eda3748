using System.Text.Json.Nodes;

namespace McpGateway.Deployment.Tests;

/// <summary>main.bicep built once into ARM JSON (<c>bicep build</c>), with what the CLI printed.</summary>
public sealed class CompiledTemplate : IAsyncLifetime
{
    private readonly string outputFolder = Directory.CreateTempSubdirectory("mcpgw-bicep-").FullName;
    private JsonNode? template;

    public int ExitCode { get; private set; }

    /// <summary>The build's diagnostics: empty when there is no error and no warning.</summary>
    public string Output { get; private set; } = string.Empty;

    public JsonNode Template => template ?? throw new InvalidOperationException($"bicep build failed:\n{Output}");

    public async ValueTask InitializeAsync()
    {
        (ExitCode, Output) = await BicepCli.RunAsync("build", BicepCli.MainTemplate, "--outdir", outputFolder);
        var compiled = Path.Combine(outputFolder, "main.json");
        if (File.Exists(compiled))
        {
            template = JsonNode.Parse(await File.ReadAllTextAsync(compiled));
        }
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(outputFolder, recursive: true);
        return ValueTask.CompletedTask;
    }

    /// <summary>The resources of that type, in the template and in the templates of its modules.</summary>
    public IEnumerable<JsonNode> Resources(string type) => Resources(Template, type);

    private static IEnumerable<JsonNode> Resources(JsonNode template, string type) =>
        template["resources"]!.AsArray().SelectMany(resource => resource!["type"]!.GetValue<string>() switch
        {
            var t when t == type => [resource],
            "Microsoft.Resources/deployments" => Resources(resource["properties"]!["template"]!, type),
            _ => [],
        });
}
