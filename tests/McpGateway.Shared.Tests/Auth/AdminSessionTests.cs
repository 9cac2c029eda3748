using McpGateway.Shared.Auth;
using McpGateway.Shared.Configuration;
using McpGateway.Shared.Http;
using McpGateway.Shared.Tests.Storage;
using McpGateway.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace McpGateway.Shared.Tests.Auth;

/// <summary>The Admin UI's sealed session cookie: readable by any instance with the secret, unforgeable, expiring.</summary>
public sealed class AdminSessionTests(AzuriteFixture azurite)
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly string storagePrefix = "as" + Guid.NewGuid().ToString("N")[..10];

    private AdminSession Sessions(string secret = "one")
    {
        var auth = Options.Create(new AuthOptions { TokenExpiryMinutes = 60 });
        var storage = TestStorage.On(azurite.ConnectionString, storagePrefix);
        var signedOut = new SignedOutSessions(new SignOutLog(storage), auth, Options.Create(new AdminOptions()), time, NullLogger<SignedOutSessions>.Instance);
        return new(new SecretProtector(Options.Create(new AuthOptions { AuthEncryptionSecret = secret })), signedOut, auth, time);
    }

    [Fact]
    public async Task A_started_session_is_read_back_by_another_instance_with_the_same_secret_until_it_expires()
    {
        var (request, csrf) = SignedInRequest(Sessions(), "alice");

        Assert.Equal(("alice", csrf), await Sessions().ReadAsync(request));
        time.Advance(TimeSpan.FromMinutes(61));
        Assert.Null(await Sessions().ReadAsync(request));
    }

    [Fact]
    public async Task A_cookie_sealed_under_another_secret_or_changed_is_no_session()
    {
        var (request, _) = SignedInRequest(Sessions("other"), "mallory");
        Assert.Null(await Sessions().ReadAsync(request));

        var tampered = new DefaultHttpContext().Request;
        tampered.Headers.Cookie = $"{AdminSession.CookieName}=v1:AAAA{request.Cookies[AdminSession.CookieName]![8..]}";
        Assert.Null(await Sessions().ReadAsync(tampered));
    }

    [Fact]
    public void Changes_need_the_csrf_token_reads_do_not()
    {
        var read = new DefaultHttpContext().Request;
        read.Method = "GET";
        AdminSession.RequireCsrf(read, "expected");

        var change = new DefaultHttpContext().Request;
        change.Method = "DELETE";
        change.Headers[AdminSession.CsrfHeader] = "wrong";
        Assert.Equal(StatusCodes.Status403Forbidden, Assert.Throws<ApiProblem>(() => AdminSession.RequireCsrf(change, "expected")).Status);

        change.Headers[AdminSession.CsrfHeader] = "expected";
        AdminSession.RequireCsrf(change, "expected");
    }

    /// <summary>Starts a session on a response and returns a request that carries its cookies back.</summary>
    private static (HttpRequest Request, string Csrf) SignedInRequest(AdminSession sessions, string user)
    {
        var response = new DefaultHttpContext().Response;
        var csrf = sessions.Start(response, user);
        var cookies = response.Headers.SetCookie.Select(c => c!.Split(';')[0]);
        var request = new DefaultHttpContext().Request;
        request.Headers.Cookie = string.Join("; ", cookies);

        var setCookie = string.Join("\n", response.Headers.SetCookie.ToArray());
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", setCookie, StringComparison.OrdinalIgnoreCase);
        return (request, csrf);
    }
}
