using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using McpGateway.Shared.Configuration;
using Microsoft.Extensions.Options;

namespace McpGateway.Shared.Auth;

/// <summary>
/// Encrypts upstream credentials at rest with AES-256-GCM. The key is derived from
/// AUTH_ENCRYPTION_SECRET with PBKDF2, so the same secret reads the same data on every instance.
/// </summary>
public sealed class SecretProtector
{
    private const string FormatPrefix = "v1:";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] KeySalt = "McpGateway.SecretProtector.v1"u8.ToArray();

    private readonly byte[] key;

    public SecretProtector(IOptions<AuthOptions> options)
    {
        key = Rfc2898DeriveBytes.Pbkdf2(options.Value.AuthEncryptionSecret, KeySalt, 100_000, HashAlgorithmName.SHA256, 32);
    }

    public string Protect(string plaintext)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[NonceSize + plain.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize, plain.Length), sealedBytes.AsSpan(NonceSize + plain.Length));
        return FormatPrefix + Base64Url.EncodeToString(sealedBytes);
    }

    /// <exception cref="CryptographicException">The value was not made with this AUTH_ENCRYPTION_SECRET.</exception>
    public string Unprotect(string protectedValue)
    {
        if (!protectedValue.StartsWith(FormatPrefix, StringComparison.Ordinal))
        {
            throw new CryptographicException("The value is not in the protected format.");
        }

        var sealedBytes = Base64Url.DecodeFromChars(protectedValue.AsSpan(FormatPrefix.Length));
        var cipherLength = sealedBytes.Length - NonceSize - TagSize;
        if (cipherLength < 0)
        {
            throw new CryptographicException("The protected value is truncated.");
        }

        var plain = new byte[cipherLength];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, cipherLength), sealedBytes.AsSpan(NonceSize + cipherLength), plain);
        return Encoding.UTF8.GetString(plain);
    }
}
