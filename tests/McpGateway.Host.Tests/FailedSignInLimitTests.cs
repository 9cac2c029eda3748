using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace McpGateway.Host.Tests;

/// <summary>A host that allows three failed sign-ins per client address and five per user in its window.</summary>
public sealed class FailedSignInLimitFixture(AzuriteFixture azurite) : GatewayHostFixture(azurite)
{
    public const int AddressLimit = 3;
    public const int UserLimit = 5;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["MAX_FAILED_LOGIN_ATTEMPTS"] = AddressLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["MAX_FAILED_LOGIN_ATTEMPTS_PER_USER"] = UserLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>
/// Failed sign-ins (Basic, bearer JWT, the Admin UI's sign-in) are limited per client address and per user: past the
/// limit the gateway answers 429 with Retry-After, even to the right credentials. Each test connects from a loopback
/// address of its own (127.0.0.0/8 is all loopback) and names users of its own.
/// </summary>
public sealed class FailedSignInLimitTests(FailedSignInLimitFixture gateway) : IClassFixture<FailedSignInLimitFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Wrong_passwords_from_one_address_are_429_with_retry_after_and_then_even_the_right_one_is()
    {
        using var client = From("127.0.0.11");
        for (var i = 0; i < FailedSignInLimitFixture.AddressLimit; i++)
        {
            await (await GetToolsAsync(client, Basic(Unique("guesser"), "wrong"))).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        }

        var refused = await GetToolsAsync(client, Basic(Unique("guesser"), "wrong"));
        await refused.ExpectProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 without a Retry-After delay.");
        await (await GetToolsAsync(client, Basic(GatewayHostProcess.User, GatewayHostProcess.Password))).ExpectProblemAsync(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Bad_tokens_and_the_sign_in_form_count_as_failures_too()
    {
        using var client = From("127.0.0.12");
        await (await GetToolsAsync(client, Bearer(Unique("forger"), "another-secret-0123456789abcdef0123456789"))).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await (await GetToolsAsync(client, new AuthenticationHeaderValue("Bearer", "not-a-token"))).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await (await SignInAsync(client, Basic(Unique("guesser"), "wrong"))).ExpectProblemAsync(HttpStatusCode.Unauthorized);

        await (await SignInAsync(client, Basic(Unique("guesser"), "wrong"))).ExpectProblemAsync(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Failures_from_other_addresses_lock_a_user_out_only_past_the_per_user_limit()
    {
        var user = Unique("target");
        using var attacker = From("127.0.0.13");
        for (var i = 0; i < FailedSignInLimitFixture.AddressLimit; i++)
        {
            await (await GetToolsAsync(attacker, Bearer(user, "another-secret-0123456789abcdef0123456789"))).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        }

        using var victim = From("127.0.0.14");
        await (await GetToolsAsync(victim, Bearer(user, GatewayHostProcess.JwtSecret))).ExpectAsync(HttpStatusCode.OK);

        for (var i = FailedSignInLimitFixture.AddressLimit; i < FailedSignInLimitFixture.UserLimit; i++)
        {
            using var another = From($"127.0.0.{20 + i}");
            await (await GetToolsAsync(another, Bearer(user, "another-secret-0123456789abcdef0123456789"))).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        }

        var refused = await GetToolsAsync(victim, Bearer(user, GatewayHostProcess.JwtSecret));
        await refused.ExpectProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 without a Retry-After delay.");
        await (await GetToolsAsync(victim, Bearer(Unique("bystander"), GatewayHostProcess.JwtSecret))).ExpectAsync(HttpStatusCode.OK);
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>A client whose connections come from <paramref name="address"/>, a loopback address, to the host on 127.0.0.1.</summary>
    private HttpClient From(string address)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = gateway.Host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    private static AuthenticationHeaderValue Bearer(string user, string secret) =>
        new("Bearer", new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim("sub", user)]),
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), SecurityAlgorithms.HmacSha256),
        }));

    private static async Task<HttpResponseMessage> GetToolsAsync(HttpClient client, AuthenticationHeaderValue credentials)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "tools") { Headers = { Authorization = credentials } };
        return await client.SendAsync(request, Ct);
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, AuthenticationHeaderValue credentials)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "auth/session") { Headers = { Authorization = credentials } };
        return await client.SendAsync(request, Ct);
    }
}
