using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace McpGateway.Host.Tests;

/// <summary>AUTH_REQUIRED: every route but /health demands Basic or a valid, unexpired bearer token.</summary>
public sealed class AuthenticationTests(GatewayHostFixture gateway) : IClassFixture<GatewayHostFixture>
{
    public static TheoryData<string, string> ProtectedRoutes() =>
        new(RouteTemplates.All().Where(r => !r.Route.Anonymous).Select(r => (r.Method, r.Path)));

    [Theory]
    [MemberData(nameof(ProtectedRoutes))]
    public async Task Every_route_but_health_answers_401_without_credentials(string method, string path)
    {
        using var client = gateway.Host.CreateClient(authorization: null);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        await response.ExpectProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme is "Basic" or "Bearer");
    }

    [Fact]
    public async Task Health_answers_without_credentials()
    {
        using var client = gateway.Host.CreateClient(authorization: null);
        var health = await (await client.GetAsync("health", TestContext.Current.CancellationToken)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("healthy", health["status"]!.GetValue<string>());
        Assert.True(health["storage"]!["latencyMs"]!.GetValue<double>() >= 0);
    }

    [Theory]
    [InlineData("admin", "wrong-password")]
    [InlineData("someone", GatewayHostProcess.Password)]
    public async Task Wrong_basic_credentials_are_401(string user, string password)
    {
        using var client = gateway.Host.CreateClient(new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"))));
        await (await client.GetAsync("tools", TestContext.Current.CancellationToken)).ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Valid_bearer_token_is_accepted()
    {
        using var client = gateway.Host.CreateClient(new AuthenticationHeaderValue("Bearer", Token(GatewayHostProcess.JwtSecret, DateTime.UtcNow.AddMinutes(5))));
        await (await client.GetAsync("tools", TestContext.Current.CancellationToken)).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Expired_bearer_token_is_401()
    {
        using var client = gateway.Host.CreateClient(new AuthenticationHeaderValue("Bearer", Token(GatewayHostProcess.JwtSecret, DateTime.UtcNow.AddMinutes(-5))));
        await (await client.GetAsync("tools", TestContext.Current.CancellationToken)).ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Token_signed_with_another_key_is_401()
    {
        using var client = gateway.Host.CreateClient(new AuthenticationHeaderValue("Bearer", Token("another-secret-0123456789abcdef0123456789", DateTime.UtcNow.AddMinutes(5))));
        await (await client.GetAsync("tools", TestContext.Current.CancellationToken)).ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Token_without_expiry_is_401()
    {
        using var client = gateway.Host.CreateClient(new AuthenticationHeaderValue("Bearer", Token(GatewayHostProcess.JwtSecret, expires: null)));
        await (await client.GetAsync("tools", TestContext.Current.CancellationToken)).ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    private static string Token(string secret, DateTime? expires)
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim("sub", "admin")]),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), SecurityAlgorithms.HmacSha256),
        };
        if (expires is { } exp)
        {
            descriptor.Expires = exp;
            descriptor.NotBefore = exp.AddMinutes(-30);
            descriptor.IssuedAt = exp.AddMinutes(-30);
        }

        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = expires is not null }.CreateToken(descriptor);
    }
}
