using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace McpGateway.AdminUi.Tests;

/// <summary>
/// One browser tab on a gateway's Admin UI, in a context of its own. It records every console error and uncaught
/// exception (a test fails on any) and saves a screenshot under test-results/admin-ui when the test finishes.
/// </summary>
public sealed partial class AdminUiPage : IAsyncDisposable
{
    private readonly IBrowserContext context;
    private readonly string screenshotName;
    private readonly List<string> errors = [];

    private AdminUiPage(IBrowserContext context, IPage page, Uri gatewayBase, string screenshotName)
    {
        this.context = context;
        Page = page;
        GatewayBase = gatewayBase;
        this.screenshotName = screenshotName;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add($"console: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => errors.Add("page error: " + error);
        page.SetDefaultTimeout(20_000);
    }

    public IPage Page { get; }

    public Uri GatewayBase { get; }

    public static string ScreenshotFolder { get; } = RepositoryPaths.Combine("test-results", "admin-ui");

    /// <summary>Opens <c>/admin/</c> (or <paramref name="uiPath"/>) of the host in a fresh context; dialogs are accepted.</summary>
    public static async Task<AdminUiPage> OpenAsync(BrowserFixture browser, GatewayHostProcess host, string screenshotName, string uiPath = "admin/")
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        var ui = new AdminUiPage(context, page, host.BaseAddress, screenshotName);
        await page.GotoAsync(new Uri(host.BaseAddress, uiPath).ToString());
        return ui;
    }

    public static async Task<AdminUiPage> SignedInAsync(BrowserFixture browser, GatewayHostProcess host, string screenshotName)
    {
        var ui = await OpenAsync(browser, host, screenshotName);
        await ui.SignInAsync(GatewayHostProcess.User, GatewayHostProcess.Password);
        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Exact = true })).ToBeVisibleAsync();
        return ui;
    }

    public async Task SignInAsync(string user, string password)
    {
        await Page.GetByLabel("User name").FillAsync(user);
        await Page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>Follows a navigation link and waits for the section's heading.</summary>
    public async Task GoToAsync(string link, string heading)
    {
        await Page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true, Level = 1 })).ToBeVisibleAsync();
    }

    /// <summary>The table row that mentions <paramref name="text"/>.</summary>
    public ILocator Row(string text) => Page.GetByRole(AriaRole.Row).Filter(new() { HasText = text });

    /// <summary>Runs axe-core (WCAG 2 A and AA rules: labels, names, contrast, ...) on the page as it is now.</summary>
    public async Task AssertAccessibleAsync()
    {
        var result = await Page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa"] } });
        Assert.True(
            result.Violations.Length == 0,
            string.Join("\n", result.Violations.Select(v => $"{v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
    }

    /// <summary>
    /// Saves the screenshot and fails the test if the browser reported an error. Chromium logs every refused request as a
    /// console error; a test that provokes a refusal on purpose (a 422 shown next to its field) names its status.
    /// </summary>
    public async Task FinishAsync(params int[] expectedRefusals)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, FileName().Replace(screenshotName, "_") + ".png"), FullPage = true });
        var unexpected = errors.Where(e => !expectedRefusals.Any(status => e.Contains($"the server responded with a status of {status} ", StringComparison.Ordinal))).ToList();
        Assert.True(unexpected.Count == 0, "The browser reported errors:\n" + string.Join("\n", unexpected));
    }

    public async ValueTask DisposeAsync() => await context.DisposeAsync();

    [GeneratedRegex("[^A-Za-z0-9_.-]")]
    private static partial Regex FileName();
}
