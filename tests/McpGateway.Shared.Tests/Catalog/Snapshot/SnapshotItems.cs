using System.Text.Json;
using Azure;
using McpGateway.Shared.Catalog.Gateways;
using McpGateway.Shared.Catalog.Prompts;
using McpGateway.Shared.Catalog.Resources;
using McpGateway.Shared.Catalog.Servers;
using McpGateway.Shared.Catalog.Tools;
using McpGateway.Shared.Storage;

namespace McpGateway.Shared.Tests.Catalog.Snapshot;

/// <summary>Catalog items as storage would hand them to a snapshot, made in memory.</summary>
internal static class SnapshotItems
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static int etags;

    public static CatalogEntry<T> Entry<T>(T document, int revision = 1)
        where T : class, ICatalogDocument =>
        new(document, new ETag($"W/\"{Interlocked.Increment(ref etags)}\""), revision, Epoch);

    public static ToolRecord Tool(string id, string name, int minute = 0) => new()
    {
        Id = id,
        Name = name,
        IntegrationType = ToolService.Rest,
        RequestType = "POST",
        InputSchema = JsonDocument.Parse("""{"type":"object"}""").RootElement,
        CreatedAt = Epoch.AddMinutes(minute),
        UpdatedAt = Epoch.AddMinutes(minute),
    };

    public static ResourceRecord Resource(string id, string uri, bool template = false) => new()
    {
        Id = id,
        Uri = uri,
        Name = id,
        UriTemplate = template ? uri : null,
        CreatedAt = Epoch,
        UpdatedAt = Epoch,
    };

    public static PromptRecord Prompt(string id, string name) => new()
    {
        Id = id,
        Name = name,
        Template = "Hello",
        ArgumentSchema = JsonDocument.Parse("""{"type":"object"}""").RootElement,
        CreatedAt = Epoch,
        UpdatedAt = Epoch,
    };

    public static ServerRecord Server(string id, string name, params string[] tools) => new()
    {
        Id = id,
        Name = name,
        AssociatedTools = tools,
        CreatedAt = Epoch,
        UpdatedAt = Epoch,
    };

    public static PeerGatewayRecord Gateway(string id, bool enabled = true, bool reachable = true) => new()
    {
        Id = id,
        Name = id,
        Slug = id,
        Url = $"http://127.0.0.1:1/{id}",
        Enabled = enabled,
        Reachable = reachable,
        CreatedAt = Epoch,
        UpdatedAt = Epoch,
    };
}
