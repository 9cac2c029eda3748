using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace McpGateway.AdminUi.Tests;

/// <summary>Editing a prompt with the preview the gateway renders as you type, and rolling back a version.</summary>
public sealed class AdminPromptsTests(BrowserFixture browser, AdminUiHostFixture gateway) : IClassFixture<AdminUiHostFixture>
{
    [Fact]
    public async Task Editing_a_template_updates_the_server_rendered_preview_and_saving_adds_a_version_that_can_be_rolled_back()
    {
        var ct = TestContext.Current.CancellationToken;
        using var api = gateway.Host.CreateClient();
        (await api.PostAsJsonAsync("prompts", new { name = "ui_greeting", template = "Hello {{ user }}!", arguments = new[] { new { name = "user", required = true } } }, ct))
            .EnsureSuccessStatusCode();
        await using var ui = await AdminUiPage.SignedInAsync(browser, gateway.Host, nameof(Editing_a_template_updates_the_server_rendered_preview_and_saving_adds_a_version_that_can_be_rolled_back));
        var page = ui.Page;
        await ui.GoToAsync("Prompts", "Prompts");

        await page.GetByRole(AriaRole.Button, new() { Name = "Edit ui_greeting" }).ClickAsync();
        await page.GetByLabel("Argument values (JSON object)").FillAsync("""{"user": "Ada"}""");
        await Assertions.Expect(page.GetByTestId("preview")).ToContainTextAsync("Hello Ada!");

        var template = page.GetByLabel("Template", new() { Exact = false });
        await template.FillAsync("{% for i in (1..2) %}Hi {{ user }} #{{ i }}. {% endfor %}");
        await Assertions.Expect(page.GetByTestId("preview")).ToContainTextAsync("Hi Ada #1. Hi Ada #2.");

        // A template that does not parse is reported by the gateway in the preview, nothing is saved.
        await template.FillAsync("Hello {% if user %}");
        await Assertions.Expect(page.GetByTestId("preview-error")).Not.ToBeEmptyAsync();
        await template.FillAsync("Good day, {{ user }}.");
        await Assertions.Expect(page.GetByTestId("preview")).ToContainTextAsync("Good day, Ada.");
        Assert.Equal("Hello {{ user }}!", (await api.GetFromJsonAsync<JsonObject>("prompts/ui_greeting/info", ct))!["template"]!.GetValue<string>());

        await page.GetByRole(AriaRole.Button, new() { Name = "Save prompt" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Saved version 2.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Roll back to version 1" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("preview")).ToContainTextAsync("Hello Ada!");
        Assert.Equal("Hello {{ user }}!", (await api.GetFromJsonAsync<JsonObject>("prompts/ui_greeting/info", ct))!["template"]!.GetValue<string>());
        await ui.FinishAsync(422);
    }

    [Fact]
    public async Task A_new_prompt_is_previewed_as_it_is_written_before_it_is_saved()
    {
        using var api = gateway.Host.CreateClient();
        await using var ui = await AdminUiPage.SignedInAsync(browser, gateway.Host, nameof(A_new_prompt_is_previewed_as_it_is_written_before_it_is_saved));
        var page = ui.Page;
        await ui.GoToAsync("Prompts", "Prompts");

        await page.GetByRole(AriaRole.Button, new() { Name = "New prompt" }).ClickAsync();
        await page.GetByLabel("Argument values (JSON object)").FillAsync("""{"user": "Grace"}""");
        await page.GetByLabel("Template", new() { Exact = false }).FillAsync("Welcome, {{ user }}.");
        await Assertions.Expect(page.GetByTestId("preview")).ToContainTextAsync("Welcome, Grace.");

        var stored = (await api.GetFromJsonAsync<JsonArray>("prompts", TestContext.Current.CancellationToken))!;
        Assert.DoesNotContain(stored, p => p!["template"]?.GetValue<string>() == "Welcome, {{ user }}.");
        await ui.FinishAsync();
    }
}
