using System.Security.Cryptography;
using McpGateway.Shared.Auth;
using McpGateway.Shared.Catalog.Credentials;
using McpGateway.Shared.Configuration;
using McpGateway.Shared.Http;
using Microsoft.Extensions.Options;

namespace McpGateway.Shared.Tests.Auth;

public sealed class SecretProtectorTests
{
    private static SecretProtector Protector(string secret) => new(Options.Create(new AuthOptions { AuthEncryptionSecret = secret }));

    [Fact]
    public void Round_trips_and_never_repeats_a_ciphertext()
    {
        var protector = Protector("one");
        var first = protector.Protect("token-value");
        var second = protector.Protect("token-value");

        Assert.NotEqual(first, second);
        Assert.DoesNotContain("token-value", first, StringComparison.Ordinal);
        Assert.Equal("token-value", protector.Unprotect(first));
        Assert.Equal("token-value", Protector("one").Unprotect(second));
    }

    [Fact]
    public void Another_secret_or_a_tampered_value_cannot_decrypt()
    {
        var sealedValue = Protector("one").Protect("token-value");
        Assert.ThrowsAny<CryptographicException>(() => Protector("two").Unprotect(sealedValue));

        var tampered = sealedValue[..^2] + (sealedValue[^2] == 'A' ? "B" : "A") + sealedValue[^1];
        Assert.ThrowsAny<CryptographicException>(() => Protector("one").Unprotect(tampered));
    }

    [Fact]
    public void Auth_codec_masks_secrets_keeps_them_on_mask_and_presents_them_as_headers()
    {
        var codec = new AuthCodec(Protector("codec"));
        var stored = codec.Build(new AuthInput { AuthType = "basic", Username = "u", Password = "p@ss" }, current: null)!;
        Assert.DoesNotContain("p@ss", stored.ProtectedSecrets, StringComparison.Ordinal);
        Assert.Equal(AuthCodec.Mask, AuthCodec.ToRead(stored)!.Password);

        var kept = codec.Build(new AuthInput { AuthType = "basic", Username = "u", Password = AuthCodec.Mask }, stored)!;
        Assert.Equal("Basic dTpwQHNz", codec.Headers(kept)["Authorization"]);

        var headers = codec.Build(new AuthInput { AuthType = "authheaders", AuthHeaders = [new("X-Api-Key", "k1"), new("X-Tenant", "t")] }, null)!;
        Assert.Equal("k1", codec.Headers(headers)["X-Api-Key"]);
        Assert.Equal(["X-Api-Key", "X-Tenant"], AuthCodec.ToRead(headers)!.AuthHeaders!.Select(h => h.Key));

        var problem = Assert.Throws<ApiProblem>(() => codec.Build(new AuthInput { AuthType = "bearer", Token = AuthCodec.Mask }, current: null));
        Assert.Equal("auth.token", problem.Field);
    }
}
