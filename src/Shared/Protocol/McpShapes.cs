using System.Text.Json;
using McpGateway.Shared.Catalog.Prompts;
using McpGateway.Shared.Catalog.Resources;
using McpGateway.Shared.Catalog.Tools;
using McpGateway.Shared.Prompts;
using ModelContextProtocol.Protocol;

namespace McpGateway.Shared.Protocol;

/// <summary>Catalog items in the MCP SDK's protocol types.</summary>
public static class McpShapes
{
    public static Tool Tool(ToolRecord tool) => new()
    {
        Name = tool.Name,
        Description = tool.Description,
        InputSchema = tool.InputSchema,
        OutputSchema = tool.OutputSchema,
        Annotations = tool.Annotations is { } annotations ? annotations.Deserialize<ToolAnnotations>(ModelContextProtocol.McpJsonUtilities.DefaultOptions) : null,
    };

    public static Resource Resource(ResourceRecord resource) => new()
    {
        Uri = resource.Uri,
        Name = resource.Name,
        Description = resource.Description,
        MimeType = resource.MimeType,
        Size = resource.Size,
    };

    public static ResourceTemplate ResourceTemplate(ResourceRecord template) => new()
    {
        UriTemplate = template.UriTemplate!,
        Name = template.Name,
        Description = template.Description,
        MimeType = template.MimeType,
    };

    public static ResourceContents Contents(ResourceContentRead content) => content.Blob is { } blob
        ? BlobResourceContents.FromBytes(Convert.FromBase64String(blob), content.Uri, content.MimeType)
        : new TextResourceContents { Uri = content.Uri, MimeType = content.MimeType, Text = content.Text ?? string.Empty };

    public static Prompt Prompt(PromptRecord prompt) => new()
    {
        Name = prompt.Name,
        Description = prompt.Description,
        Arguments = PromptArgumentSchema.ToArguments(prompt.ArgumentSchema)
            .Select(a => new ModelContextProtocol.Protocol.PromptArgument { Name = a.Name, Description = a.Description, Required = a.Required })
            .ToList(),
    };

    public static ModelContextProtocol.Protocol.PromptMessage Message(McpGateway.Shared.Prompts.PromptMessage message) => new()
    {
        Role = message.Role == McpGateway.Shared.Prompts.PromptMessage.AssistantRole ? Role.Assistant : Role.User,
        Content = new TextContentBlock { Text = message.Content.Text },
    };
}
