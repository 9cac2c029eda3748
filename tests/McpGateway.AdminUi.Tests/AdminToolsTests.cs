using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace McpGateway.AdminUi.Tests;

/// <summary>REST tools from the browser: create with schema checks as you type, try it, edit, toggle, delete.</summary>
public sealed class AdminToolsTests(BrowserFixture browser, AdminUiHostFixture gateway) : IClassFixture<AdminUiHostFixture>
{
    [Fact]
    public async Task A_rest_tool_created_in_the_form_is_invoked_from_its_try_it_form()
    {
        await using var ui = await AdminUiPage.SignedInAsync(browser, gateway.Host, nameof(A_rest_tool_created_in_the_form_is_invoked_from_its_try_it_form));
        var page = ui.Page;
        await ui.GoToAsync("Tools", "Tools");

        await page.GetByRole(AriaRole.Button, new() { Name = "New REST tool" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("ui_echo");
        await page.GetByLabel("URL").FillAsync(gateway.Backend.EchoUrl.ToString());
        await page.GetByLabel("Description").FillAsync("Echoes its arguments");
        await page.GetByLabel("Tags (comma-separated)").FillAsync("ui, echo");

        // The schema is checked as it is typed, before anything is sent.
        var schema = page.GetByLabel("Input schema (JSON Schema)");
        await schema.FillAsync("""{"type": "object", "properties": {""");
        await Assertions.Expect(page.Locator("#tool-input-schema-error")).ToContainTextAsync("Not valid JSON");
        await schema.FillAsync("""{"type": "string"}""");
        await Assertions.Expect(page.Locator("#tool-input-schema-error")).ToContainTextAsync("must describe an object");
        await schema.FillAsync("""{"type": "object", "properties": {"message": {"type": "string", "description": "What to echo"}, "times": {"type": "integer"}}, "required": ["message"]}""");
        await Assertions.Expect(page.Locator("#tool-input-schema-error")).ToBeEmptyAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Save tool" }).ClickAsync();
        await Assertions.Expect(ui.Row("ui_echo")).ToContainTextAsync("REST POST");

        await page.GetByRole(AriaRole.Button, new() { Name = "Try ui_echo" }).ClickAsync();
        await page.GetByLabel("message (required)").FillAsync("hello from the browser");
        await page.GetByLabel("times").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Call tool" }).ClickAsync();

        // The first call of a new tool builds its schema, resilience pipeline and upstream connection: on a loaded
        // machine that alone has outlasted the 5 s default.
        await Assertions.Expect(page.GetByTestId("try-result")).ToContainTextAsync("hello from the browser", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("try-result")).ToContainTextAsync("\"times\": 3");
        await Assertions.Expect(page.GetByTestId("try-latency")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+ ms$"));
        await ui.FinishAsync();
    }

    [Fact]
    public async Task An_error_of_the_api_is_shown_next_to_the_field_it_concerns()
    {
        using var api = gateway.Host.CreateClient();
        (await api.PostAsJsonAsync("tools", new { name = "taken_name", url = gateway.Backend.EchoUrl }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        await using var ui = await AdminUiPage.SignedInAsync(browser, gateway.Host, nameof(An_error_of_the_api_is_shown_next_to_the_field_it_concerns));
        await ui.GoToAsync("Tools", "Tools");

        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "New REST tool" }).ClickAsync();
        await ui.Page.GetByLabel("Name", new() { Exact = true }).FillAsync("bad tool");
        await ui.Page.GetByLabel("URL").FillAsync("ftp://not-http.example");
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Save tool" }).ClickAsync();

        await Assertions.Expect(ui.Page.Locator("#tool-url-error")).Not.ToBeEmptyAsync();
        await Assertions.Expect(ui.Page.Locator("#tool-url")).ToHaveAttributeAsync("aria-invalid", "true");
        await ui.FinishAsync(422);
    }

    [Fact]
    public async Task A_tool_is_found_by_search_tag_and_status_edited_toggled_and_deleted_with_confirmation()
    {
        using var api = gateway.Host.CreateClient();
        var ct = TestContext.Current.CancellationToken;
        (await api.PostAsJsonAsync("tools", new { name = "ui_weather", url = gateway.Backend.EchoUrl, tags = new[] { "forecast" }, auth = new { auth_type = "bearer", token = "weather-secret" } }, ct)).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("tools", new { name = "ui_other", url = gateway.Backend.EchoUrl }, ct)).EnsureSuccessStatusCode();
        await using var ui = await AdminUiPage.SignedInAsync(browser, gateway.Host, nameof(A_tool_is_found_by_search_tag_and_status_edited_toggled_and_deleted_with_confirmation));
        var page = ui.Page;
        await ui.GoToAsync("Tools", "Tools");

        await page.GetByLabel("Tag").SelectOptionAsync("forecast");
        await Assertions.Expect(ui.Row("ui_weather")).ToBeVisibleAsync();
        await Assertions.Expect(ui.Row("ui_other")).ToHaveCountAsync(0);
        await page.GetByLabel("Tag").SelectOptionAsync("");
        await page.GetByLabel("Search").FillAsync("weath");
        await Assertions.Expect(ui.Row("ui_other")).ToHaveCountAsync(0);

        // Editing shows no secret back, and leaving it blank keeps the stored one.
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit ui_weather" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Token", new() { Exact = true })).ToHaveValueAsync("");
        await page.GetByLabel("Description").FillAsync("Edited in the browser");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save tool" }).ClickAsync();
        await Assertions.Expect(ui.Row("ui_weather")).ToContainTextAsync("Edited in the browser");
        var stored = await api.GetFromJsonAsync<JsonObject>("tools/ui_weather", ct);
        Assert.Equal("bearer", stored!["auth"]!["authType"]!.GetValue<string>());
        Assert.Equal("*****", stored["auth"]!["token"]!.GetValue<string>());

        await page.GetByRole(AriaRole.Button, new() { Name = "Deactivate ui_weather" }).ClickAsync();
        await Assertions.Expect(ui.Row("ui_weather")).ToContainTextAsync("inactive");
        await page.GetByLabel("Status").SelectOptionAsync("active");
        await Assertions.Expect(ui.Row("ui_weather")).ToHaveCountAsync(0);
        await page.GetByLabel("Status").SelectOptionAsync("all");

        string? question = null;
        page.Dialog += (_, dialog) => question = dialog.Message;
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete ui_weather" }).ClickAsync();
        await Assertions.Expect(ui.Row("ui_weather")).ToHaveCountAsync(0);
        Assert.Contains("Delete the tool \"ui_weather\"", question, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await api.GetAsync("tools/ui_weather", ct)).StatusCode);
        await ui.FinishAsync();
    }
}
