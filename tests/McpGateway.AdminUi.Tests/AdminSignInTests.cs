using System.Net;
using Microsoft.Playwright;

namespace McpGateway.AdminUi.Tests;

/// <summary>Signing in with the gateway's credentials gives a cookie session whose changes need the CSRF token.</summary>
public sealed class AdminSignInTests(BrowserFixture browser, AdminUiHostFixture gateway) : IClassFixture<AdminUiHostFixture>
{
    [Fact]
    public async Task Basic_credentials_open_a_session_in_an_HttpOnly_Secure_SameSite_Strict_cookie()
    {
        await using var ui = await AdminUiPage.SignedInAsync(browser, gateway.Host, nameof(Basic_credentials_open_a_session_in_an_HttpOnly_Secure_SameSite_Strict_cookie));

        var cookies = await ui.Page.Context.CookiesAsync();
        var session = Assert.Single(cookies, c => c.Name == "__Host-mcpgw-session");
        Assert.True(session.HttpOnly);
        Assert.True(session.Secure);
        Assert.Equal(SameSiteAttribute.Strict, session.SameSite);
        Assert.Equal("/", session.Path);
        await Assertions.Expect(ui.Page.GetByText("Signed in as")).ToContainTextAsync(GatewayHostProcess.User);

        // The session outlives a reload: the page asks /auth/session and skips the form.
        await ui.Page.ReloadAsync();
        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Exact = true })).ToBeVisibleAsync();
        await ui.FinishAsync();
    }

    [Fact]
    public async Task A_wrong_password_is_reported_on_the_form_and_opens_no_session()
    {
        await using var ui = await AdminUiPage.OpenAsync(browser, gateway.Host, nameof(A_wrong_password_is_reported_on_the_form_and_opens_no_session));

        await ui.SignInAsync(GatewayHostProcess.User, "not-the-password");

        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not accepted");
        Assert.DoesNotContain(await ui.Page.Context.CookiesAsync(), c => c.Name == "__Host-mcpgw-session");

        await ui.FinishAsync(401);
    }

    [Fact]
    public async Task A_bearer_token_signs_in_too()
    {
        var token = await MintTokenAsync();
        await using var ui = await AdminUiPage.OpenAsync(browser, gateway.Host, nameof(A_bearer_token_signs_in_too));

        await ui.Page.GetByLabel("or a bearer token (JWT)").FillAsync(token);
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(ui.Page.GetByText("Signed in as")).ToContainTextAsync("ui-tester");
        await ui.FinishAsync();
    }

    [Fact]
    public async Task A_change_sent_with_the_session_cookie_but_without_the_csrf_token_is_refused()
    {
        await using var ui = await AdminUiPage.SignedInAsync(browser, gateway.Host, nameof(A_change_sent_with_the_session_cookie_but_without_the_csrf_token_is_refused));

        var statuses = await ui.Page.EvaluateAsync<int[]>("""
            async () => {
              const body = JSON.stringify({ uri: '/csrf-probe' });
              const headers = { 'Content-Type': 'application/json' };
              const without = await fetch('../roots', { method: 'POST', headers, body });
              const forged = await fetch('../roots', { method: 'POST', headers: { ...headers, 'X-CSRF-Token': 'forged' }, body });
              const token = document.cookie.split('; ').find(c => c.startsWith('__Host-mcpgw-csrf=')).split('=')[1];
              const withToken = await fetch('../roots', { method: 'POST', headers: { ...headers, 'X-CSRF-Token': token }, body });
              const read = await fetch('../roots');
              return [without.status, forged.status, withToken.status, read.status];
            }
            """);

        Assert.Equal([403, 403, 201, 200], statuses);
        await ui.FinishAsync(403);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        await using var ui = await AdminUiPage.SignedInAsync(browser, gateway.Host, nameof(Signing_out_ends_the_session));

        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to MCP Gateway" })).ToBeVisibleAsync();
        Assert.DoesNotContain(await ui.Page.Context.CookiesAsync(), c => c.Name == "__Host-mcpgw-session");
        var response = await ui.Page.Context.APIRequest.GetAsync(new Uri(gateway.Host.BaseAddress, "tools").ToString());
        Assert.Equal((int)HttpStatusCode.Unauthorized, response.Status);
        await ui.FinishAsync();
    }

    private static async Task<string> MintTokenAsync()
    {
        var settings = GatewayHostProcess.Settings("UseDevelopmentStorage=true", "unused", 1);
        await using var command = GatewayHostProcess.Start(settings, "token", "-u", "ui-tester", "-e", "10");
        await command.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return command.Output.Trim().Split('\n')[^1].Trim();
    }
}
