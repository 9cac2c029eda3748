namespace McpGateway.ConformanceUpstream;

/// <summary>The smallest valid media the scenarios ask for: tools, resources and prompts return the same bytes.</summary>
internal static class SampleMedia
{
    /// <summary>A 1x1 red pixel.</summary>
    public static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC");

    /// <summary>Eight samples of silence: 8 kHz, mono, 8-bit PCM.</summary>
    public static readonly byte[] Wav = Convert.FromBase64String(
        "UklGRiwAAABXQVZFZm10IBAAAAABAAEAQB8AAEAfAAABAAgAZGF0YQgAAACAgICAgICAgA==");

    public const string PngMimeType = "image/png";

    public const string WavMimeType = "audio/wav";
}
