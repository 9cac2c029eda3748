using Microsoft.Playwright;

namespace McpGateway.AdminUi.Tests;

/// <summary>
/// Accessibility basics on every page: axe-core's WCAG 2 A/AA rules (labels, names, contrast, landmarks) and a keyboard
/// walk through the navigation and a form; plus the security headers the pages are served with.
/// </summary>
public sealed class AdminAccessibilityTests(BrowserFixture browser, AdminUiHostFixture gateway) : IClassFixture<AdminUiHostFixture>
{
    public static TheoryData<string, string> Sections() => new()
    {
        { "Dashboard", "Dashboard" }, { "Tools", "Tools" }, { "Resources", "Resources" }, { "Prompts", "Prompts" },
        { "Virtual servers", "Virtual servers" }, { "Gateways", "Peer gateways" }, { "Roots", "Roots" }, { "Metrics", "Metrics" },
        { "Export / import", "Export and import" },
    };

    [Theory]
    [MemberData(nameof(Sections))]
    public async Task Every_page_passes_the_axe_checks(string link, string heading)
    {
        await using var ui = await AdminUiPage.SignedInAsync(browser, gateway.Host, "axe-" + link);
        await ui.GoToAsync(link, heading);
        await ui.AssertAccessibleAsync();
        await ui.FinishAsync();
    }

    [Fact]
    public async Task The_sign_in_form_and_an_open_editor_pass_the_axe_checks()
    {
        await using var signIn = await AdminUiPage.OpenAsync(browser, gateway.Host, "axe-sign-in");
        await Assertions.Expect(signIn.Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to MCP Gateway" })).ToBeVisibleAsync();
        await signIn.AssertAccessibleAsync();
        await signIn.FinishAsync();

        await using var ui = await AdminUiPage.SignedInAsync(browser, gateway.Host, "axe-tool-editor");
        await ui.GoToAsync("Tools", "Tools");
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "New REST tool" }).ClickAsync();
        await ui.Page.GetByLabel("Type").SelectOptionAsync("basic");
        await ui.AssertAccessibleAsync();
        await ui.FinishAsync();
    }

    [Fact]
    public async Task The_ui_is_usable_from_the_keyboard()
    {
        await using var ui = await AdminUiPage.OpenAsync(browser, gateway.Host, nameof(The_ui_is_usable_from_the_keyboard));
        var page = ui.Page;

        // Sign in without the mouse: once the form is shown (after the session check), Tab past the skip link into it,
        // type, and press Enter. A Tab pressed before then would pass over the hidden form.
        await Assertions.Expect(page.GetByLabel("User name")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByLabel("User name")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(GatewayHostProcess.User);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(GatewayHostProcess.Password);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Exact = true })).ToBeVisibleAsync();

        // Focus moved to the new content; walk back to the navigation with Shift+Tab and open a section with Enter.
        await Assertions.Expect(page.Locator("#view")).ToBeFocusedAsync();
        var tools = page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Tools" });
        for (var i = 0; i < 20 && !await tools.EvaluateAsync<bool>("link => link === document.activeElement"); i++)
        {
            await page.Keyboard.PressAsync("Shift+Tab");
        }

        await Assertions.Expect(tools).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tools", Exact = true, Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#view")).ToBeFocusedAsync();
        await Assertions.Expect(tools).ToHaveAttributeAsync("aria-current", "page");

        // Focus is visible: the focused control draws an outline or ring.
        await page.Keyboard.PressAsync("Tab");
        var focusShown = await page.EvaluateAsync<bool>("""
            () => { const s = getComputedStyle(document.activeElement); return s.outlineStyle !== 'none' || s.boxShadow !== 'none'; }
            """);
        Assert.True(focusShown);
        await ui.FinishAsync();
    }

    [Fact]
    public async Task Pages_are_sent_with_a_content_security_policy_that_allows_no_inline_script()
    {
        using var client = new HttpClient { BaseAddress = gateway.Host.BaseAddress };
        using var response = await client.GetAsync("admin/", TestContext.Current.CancellationToken);

        response.EnsureSuccessStatusCode();
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotMatch("<script(?![^>]*\\ssrc=)", html);
        Assert.DoesNotContain("cdn", html, StringComparison.OrdinalIgnoreCase);
    }
}
