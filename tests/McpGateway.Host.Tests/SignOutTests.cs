using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace McpGateway.Host.Tests;

/// <summary>Signing out of the Admin UI revokes its session cookie on every instance, not only the one that was asked.</summary>
public sealed class SignOutTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task After_sign_out_on_one_instance_another_refuses_the_cookie_within_seconds()
    {
        var shared = new Dictionary<string, string?> { ["STORAGE_PREFIX"] = "o" + Guid.NewGuid().ToString("N")[..12] };
        await using var first = await GatewayHostProcess.StartAsync(azurite.ConnectionString, shared);
        await using var second = await GatewayHostProcess.StartAsync(azurite.ConnectionString, shared);
        using var toFirst = first.CreateClient(authorization: null);
        using var toSecond = second.CreateClient(authorization: null);
        var (cookies, csrf) = await SignInAsync(toFirst);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(toSecond, HttpMethod.Get, "tools", cookies)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(toFirst, HttpMethod.Delete, "auth/session", cookies, csrf)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(toFirst, HttpMethod.Get, "tools", cookies)).StatusCode);
        var clock = Stopwatch.StartNew();
        while ((await SendAsync(toSecond, HttpMethod.Get, "tools", cookies)).StatusCode != HttpStatusCode.Unauthorized)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), "The other instance still accepts the signed-out cookie.");
            await Task.Delay(100, Ct);
        }

        var session = await (await SendAsync(toSecond, HttpMethod.Get, "auth/session", cookies)).ExpectAsync(HttpStatusCode.OK);
        Assert.False(session["signedIn"]!.GetValue<bool>());
    }

    private static async Task<(string Cookies, string Csrf)> SignInAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "auth/session");
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{GatewayHostProcess.User}:{GatewayHostProcess.Password}")));
        var response = await client.SendAsync(request, Ct);
        var session = await response.ExpectAsync(HttpStatusCode.OK);

        // The cookies are Secure, which HttpClient's cookie container keeps off plain http: sent back by hand.
        var cookies = string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        return (cookies, session["csrfToken"]!.GetValue<string>());
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string cookies, string? csrf = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Cookie", cookies);
        request.Headers.Add("X-Requested-With", "XMLHttpRequest");
        if (csrf is not null)
        {
            request.Headers.Add("X-CSRF-Token", csrf);
        }

        return await client.SendAsync(request, Ct);
    }
}
