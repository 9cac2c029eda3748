using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace McpGateway.AdminUi.Tests;

/// <summary>Exporting the catalog and importing it again: a dry run lists the changes, then they are applied.</summary>
public sealed class AdminExchangeTests(BrowserFixture browser, AdminUiHostFixture gateway) : IClassFixture<AdminUiHostFixture>
{
    [Fact]
    public async Task An_export_keeps_secrets_encrypted_and_importing_it_restores_a_deleted_tool_after_a_dry_run()
    {
        var ct = TestContext.Current.CancellationToken;
        using var api = gateway.Host.CreateClient();
        var tool = new { name = "xchg_tool", url = gateway.Backend.EchoUrl, auth = new { auth_type = "bearer", token = "plain-secret-token" } };
        (await api.PostAsJsonAsync("tools", tool, ct)).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("resources", new { uri = "docs://xchg/readme", name = "Readme", content = "exported content" }, ct)).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("servers", new { name = "xchg_server", associated_tools = new[] { "xchg_tool" } }, ct)).EnsureSuccessStatusCode();

        var exported = (await api.GetFromJsonAsync<JsonObject>("export", ct))!;
        var exportedTool = exported["entities"]!["tools"]!.AsArray().Single(t => t!["name"]!.GetValue<string>() == "xchg_tool")!;
        Assert.StartsWith("v1:", exportedTool["auth"]!["protectedSecrets"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("plain-secret-token", exported.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("2025-03-26", exported["version"]!.GetValue<string>());

        await using var ui = await AdminUiPage.SignedInAsync(browser, gateway.Host, nameof(An_export_keeps_secrets_encrypted_and_importing_it_restores_a_deleted_tool_after_a_dry_run));
        var page = ui.Page;
        await ui.GoToAsync("Export / import", "Export and import");
        await page.GetByRole(AriaRole.Button, new() { Name = "Export catalog" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("export-counts")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"tools: [1-9]"));
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Download JSON" })).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^blob:"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Use for import below" }).ClickAsync();

        (await api.DeleteAsync("tools/xchg_tool", ct)).EnsureSuccessStatusCode();

        // The class's other tests share the catalog: only the deleted tool is certain to be created, the rest updated.
        await page.GetByRole(AriaRole.Button, new() { Name = "Dry run" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-summary")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"Dry run: 1 to create, \d+ to update"));
        await Assertions.Expect(ui.Row("xchg_tool")).ToContainTextAsync("create");
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("tools/xchg_tool", ct)).StatusCode);

        await page.GetByRole(AriaRole.Button, new() { Name = "Apply import" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-summary")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"Imported: 1 to create, \d+ to update, 0 skipped, 0 failed\."));

        var restored = (await api.GetFromJsonAsync<JsonObject>("tools/xchg_tool", ct))!;
        Assert.Equal(exportedTool["id"]!.GetValue<string>(), restored["id"]!.GetValue<string>());
        Assert.Equal("*****", restored["auth"]!["token"]!.GetValue<string>());
        Assert.Equal("exported content", (await api.GetFromJsonAsync<JsonObject>("resources/docs://xchg/readme", ct))!["text"]!.GetValue<string>());
        await ui.FinishAsync();
    }

    [Theory]
    [InlineData("""{"import_data": {"entities": {"widgets": []}}}""", "import_data.entities")]
    [InlineData("""{"import_data": {"entities": {}}, "conflict_strategy": "merge"}""", "conflict_strategy")]
    [InlineData("""{"dry_run": true}""", "import_data")]
    public async Task An_import_that_is_not_an_export_document_is_refused_naming_the_field(string body, string field)
    {
        using var api = gateway.Host.CreateClient();
        var response = await api.PostAsync("import", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken);
        Assert.Equal(field, problem!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Conflicts_are_skipped_renamed_or_failed_as_asked()
    {
        var ct = TestContext.Current.CancellationToken;
        using var api = gateway.Host.CreateClient();
        (await api.PostAsJsonAsync("prompts", new { name = "xchg_prompt", template = "Hi" }, ct)).EnsureSuccessStatusCode();
        var document = (await api.GetFromJsonAsync<JsonObject>("export?types=prompts", ct))!;
        Assert.Equal(["prompts"], document["entities"]!.AsObject().Select(e => e.Key));

        async Task<JsonObject> ImportAsync(string strategy) =>
            (await (await api.PostAsJsonAsync("import", new { import_data = document, conflict_strategy = strategy }, ct)).Content.ReadFromJsonAsync<JsonObject>(ct))!;

        Assert.Equal("skip", (await ImportAsync("skip"))["changes"]![0]!["action"]!.GetValue<string>());
        var failed = await ImportAsync("fail");
        Assert.Equal("completed_with_errors", failed["status"]!.GetValue<string>());
        var renamed = (await ImportAsync("rename"))["changes"]![0]!;
        Assert.Equal("rename", renamed["action"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("prompts/" + renamed["detail"]!.GetValue<string>() + "/info", ct)).StatusCode);
    }
}
