using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.StaticFiles;

namespace McpGateway.Shared.Admin;

/// <summary>
/// The Admin UI's static files (HTML, the built Tailwind CSS, HTMX, Alpine.js and the UI's scripts), embedded into this
/// assembly at build time so both hosts serve the same bytes with no content folder to deploy and no CDN to reach.
/// </summary>
public sealed class AdminUiAssets
{
    /// <summary>The prefix of the embedded resources' logical names (set in McpGateway.Shared.csproj).</summary>
    public const string ResourcePrefix = "admin-ui/";

    private readonly FrozenDictionary<string, AdminUiAsset> assets;

    public AdminUiAssets()
    {
        var assembly = typeof(AdminUiAssets).Assembly;
        var types = new FileExtensionContentTypeProvider();
        assets = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .ToFrozenDictionary(
                name => name[ResourcePrefix.Length..],
                name =>
                {
                    using var stream = assembly.GetManifestResourceStream(name)!;
                    using var buffer = new MemoryStream();
                    stream.CopyTo(buffer);
                    var bytes = buffer.ToArray();
                    var contentType = types.TryGetContentType(name, out var type) ? type : "application/octet-stream";
                    return new AdminUiAsset(bytes, contentType, $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..32]}\"");
                },
                StringComparer.Ordinal);
    }

    public AdminUiAsset? Find(string path) => assets.GetValueOrDefault(path);
}

/// <summary>One embedded file with its content type and a strong ETag of its bytes.</summary>
public sealed record AdminUiAsset(byte[] Content, string ContentType, string ETag);
