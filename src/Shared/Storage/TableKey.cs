using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace McpGateway.Shared.Storage;

/// <summary>
/// What Azure Table storage accepts as a PartitionKey or RowKey: at most 1 KiB of UTF-16 (512 characters), and none
/// of '/', '\', '#', '?' or the control characters U+0000-U+001F and U+007F-U+009F. A key outside these rules makes
/// storage fail the request (or reset the connection, for a very long key in a URL), so every caller-given value is
/// checked or encoded here before it reaches storage.
/// </summary>
public static class TableKey
{
    public const int MaxLength = 512;

    /// <summary>Marks a hashed value; it is outside the base64url alphabet, so a hash never equals an encoded value.</summary>
    private const char HashMarker = '~';

    private static readonly SearchValues<char> Forbidden = SearchValues.Create(
        "/\\#?" + string.Concat(Enumerable.Range(0x00, 0x20).Concat(Enumerable.Range(0x7F, 0x21)).Select(c => (char)c)));

    public static bool IsValid(string key) => key.Length is > 0 and <= MaxLength && !key.AsSpan().ContainsAny(Forbidden);

    /// <summary>
    /// <paramref name="prefix"/> followed by any text in a form a key can hold: the base64url of its UTF-8 while that
    /// fits in <see cref="MaxLength"/>, else the base64url of its SHA-256, so values of any length stay distinct.
    /// </summary>
    public static string Encode(string prefix, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        return prefix.Length + Base64Url.GetEncodedLength(bytes.Length) <= MaxLength
            ? prefix + Base64Url.EncodeToString(bytes)
            : prefix + HashMarker + Base64Url.EncodeToString(SHA256.HashData(bytes));
    }
}
