using System.ComponentModel;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpGateway.ConformanceUpstream;

/// <summary>The resources of the resources-* scenarios: static text and binary, a template, a resource to subscribe to.</summary>
[McpServerResourceType]
public sealed class ConformanceResources
{
    public const string TemplateUri = "test://template/{id}/data";

    /// <summary>Names the URI in the error for a resource that does not exist, as SEP-2164 asks (error.data.uri).</summary>
    public static void NameUnknownUris(IMcpRequestFilterBuilder filters) =>
        filters.AddReadResourceFilter(next => async (context, cancellationToken) =>
        {
            try
            {
                return await next(context, cancellationToken);
            }
            catch (McpProtocolException ex) when (ex.ErrorCode is McpErrorCode.InvalidParams or McpErrorCode.ResourceNotFound)
            {
                // The SDK turns the exception's Data into the error's data.
                ex.Data["uri"] = context.Params!.Uri;
                throw;
            }
        });

    [McpServerResource(UriTemplate = "test://static-text", Name = "static-text", MimeType = "text/plain")]
    [Description("A static text resource.")]
    public static string StaticText() => "This is the content of the static text resource.";

    [McpServerResource(UriTemplate = "test://static-binary", Name = "static-binary", MimeType = SampleMedia.PngMimeType)]
    [Description("A static binary resource: a 1x1 PNG.")]
    public static BlobResourceContents StaticBinary() =>
        BlobResourceContents.FromBytes(SampleMedia.Png, "test://static-binary", SampleMedia.PngMimeType);

    [McpServerResource(UriTemplate = TemplateUri, Name = "template-data", MimeType = "application/json")]
    [Description("Data for an id, from a URI template.")]
    public static TextResourceContents TemplateData([Description("Any id")] string id) => new()
    {
        Uri = $"test://template/{id}/data",
        MimeType = "application/json",
        Text = new JsonObject { ["id"] = id, ["templateTest"] = true, ["data"] = $"Data for ID: {id}" }.ToJsonString(),
    };

    [McpServerResource(UriTemplate = "test://watched-resource", Name = "watched-resource", MimeType = "text/plain")]
    [Description("A resource to subscribe to.")]
    public static string WatchedResource() => "This resource can be subscribed to.";
}
