using System.Text;
using McpGateway.Shared.Auth;
using McpGateway.Shared.Catalog.Credentials;
using McpGateway.Shared.Configuration;
using McpGateway.Shared.Http;
using Microsoft.Extensions.Options;

namespace McpGateway.Shared.Tests.Auth;

public sealed class UrlPasswordCodecTests
{
    private static readonly AuthCodec Codec = new(new SecretProtector(Options.Create(new AuthOptions { AuthEncryptionSecret = "url-passwords" })));

    [Fact]
    public void A_url_password_is_masked_encrypted_and_presented_as_basic_credentials()
    {
        var (url, password) = Codec.SealUrl("http://us%40er:p%3Ass@127.0.0.1:8080/api/{id}?q=1", currentPassword: null);

        Assert.Equal("http://us%40er:*****@127.0.0.1:8080/api/{id}?q=1", url);
        Assert.NotNull(password);
        Assert.DoesNotContain("p:ss", password, StringComparison.Ordinal);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("us@er:p:ss")), Codec.UrlHeaders(url, password)["Authorization"]);
    }

    [Fact]
    public void The_masked_url_keeps_the_stored_password_and_a_new_one_replaces_it()
    {
        var first = Codec.SealUrl("http://user:first@127.0.0.1/", currentPassword: null);

        var kept = Codec.SealUrl(first.Url, first.ProtectedPassword);
        var replaced = Codec.SealUrl("http://user:second@127.0.0.1/", first.ProtectedPassword);

        Assert.Equal(first, kept);
        Assert.Equal(Codec.UrlHeaders(first.Url, first.ProtectedPassword), Codec.UrlHeaders(kept.Url, kept.ProtectedPassword));
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("user:second")), Codec.UrlHeaders(replaced.Url, replaced.ProtectedPassword)["Authorization"]);
    }

    [Fact]
    public void A_url_without_a_password_is_kept_as_it_is_and_a_mask_with_nothing_stored_is_invalid()
    {
        Assert.Equal(new SealedUrl("http://127.0.0.1:1/x", null), Codec.SealUrl("http://127.0.0.1:1/x", currentPassword: null));
        Assert.Empty(Codec.UrlHeaders("http://127.0.0.1:1/x", null));

        var problem = Assert.Throws<ApiProblem>(() => Codec.SealUrl("http://user:*****@127.0.0.1/", currentPassword: null));
        Assert.Equal(422, problem.Status);
    }
}
