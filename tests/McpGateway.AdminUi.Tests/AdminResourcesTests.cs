using Microsoft.Playwright;

namespace McpGateway.AdminUi.Tests;

/// <summary>Resources (text and images, templates) and roots managed from the browser.</summary>
public sealed class AdminResourcesTests(BrowserFixture browser, AdminUiHostFixture gateway) : IClassFixture<AdminUiHostFixture>
{
    // A 1x1 PNG.
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [Fact]
    public async Task Text_and_image_resources_are_created_viewed_and_edited_and_a_template_is_kept_as_a_template()
    {
        await using var ui = await AdminUiPage.SignedInAsync(browser, gateway.Host, nameof(Text_and_image_resources_are_created_viewed_and_edited_and_a_template_is_kept_as_a_template));
        var page = ui.Page;
        await ui.GoToAsync("Resources", "Resources");

        await page.GetByRole(AriaRole.Button, new() { Name = "New resource" }).ClickAsync();
        await page.GetByLabel("URI", new() { Exact = true }).FillAsync("docs://ui/notes");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Notes");
        await page.GetByLabel("Text content").FillAsync("first draft");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save resource" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit docs://ui/notes" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Text content")).ToHaveValueAsync("first draft");
        await page.GetByLabel("Text content").FillAsync("second draft");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save resource" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "View docs://ui/notes" }).ClickAsync();
        await Assertions.Expect(page.Locator("pre").Filter(new() { HasText = "second draft" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "New resource" }).ClickAsync();
        await page.GetByLabel("URI", new() { Exact = true }).FillAsync("images://ui/dot.png");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Dot");
        await page.GetByLabel("or a file (images and other binary content)").SetInputFilesAsync(new FilePayload { Name = "dot.png", MimeType = "image/png", Buffer = Png });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save resource" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "View images://ui/dot.png" }).ClickAsync();
        var image = page.GetByRole(AriaRole.Img, new() { Name = "Dot" });
        await Assertions.Expect(image).ToHaveAttributeAsync("src", "data:image/png;base64," + Convert.ToBase64String(Png));
        Assert.Equal(1, await image.EvaluateAsync<int>("img => img.naturalWidth"));

        await page.GetByRole(AriaRole.Button, new() { Name = "New resource" }).ClickAsync();
        await page.GetByLabel("URI", new() { Exact = true }).FillAsync("logs://ui/{day}");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Daily log");
        await page.GetByLabel("URI template (RFC 6570, for a template instead of content)").FillAsync("logs://ui/{day}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save resource" }).ClickAsync();
        await Assertions.Expect(ui.Row("logs://ui/{day}")).ToContainTextAsync("template");
        await ui.FinishAsync();
    }

    [Fact]
    public async Task Roots_are_added_and_removed()
    {
        await using var ui = await AdminUiPage.SignedInAsync(browser, gateway.Host, nameof(Roots_are_added_and_removed));
        var page = ui.Page;
        await ui.GoToAsync("Roots", "Roots");

        await page.GetByLabel("Path or file:// URI").FillAsync("/srv/ui-data");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("UI data");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add root" }).ClickAsync();
        await Assertions.Expect(page.GetByText("/srv/ui-data")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Remove /srv/ui-data" }).ClickAsync();
        await Assertions.Expect(page.GetByText("/srv/ui-data")).ToHaveCountAsync(0);
        await ui.FinishAsync();
    }
}
