using System.Text.Json.Serialization;
using McpGateway.Shared.Http;

namespace McpGateway.Shared.Catalog.Servers;

/// <summary>
/// The body of POST and PUT /servers. On update only the members present change. The associated items may
/// be given as arrays or comma-separated strings, by id or by their alternate key (a tool's name).
/// </summary>
public sealed record ServerInput
{
    public string? Name { get; init; }

    public string? Description { get; init; }

    public string? Icon { get; init; }

    [JsonConverter(typeof(ListOrCommaSeparatedConverter))]
    public IReadOnlyList<string>? AssociatedTools { get; init; }

    [JsonConverter(typeof(ListOrCommaSeparatedConverter))]
    public IReadOnlyList<string>? AssociatedResources { get; init; }

    [JsonConverter(typeof(ListOrCommaSeparatedConverter))]
    public IReadOnlyList<string>? AssociatedPrompts { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }

    public bool? Enabled { get; init; }
}
