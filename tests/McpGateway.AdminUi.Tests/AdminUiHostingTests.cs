using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace McpGateway.AdminUi.Tests;

/// <summary>Where the UI is served: /admin/ (also under APP_ROOT_PATH), and nowhere while MCPGATEWAY_UI_ENABLED is false.</summary>
public sealed class AdminUiHostingTests(BrowserFixture browser, AzuriteFixture azurite)
{
    [Fact]
    public async Task Under_app_root_path_the_ui_and_the_api_it_calls_live_below_the_sub_path()
    {
        await using var host = await GatewayHostProcess.StartAsync(azurite.ConnectionString, new Dictionary<string, string?> { ["APP_ROOT_PATH"] = "/gateway" });
        Assert.EndsWith("/gateway/", host.BaseAddress.ToString(), StringComparison.Ordinal);

        await using var ui = await AdminUiPage.SignedInAsync(browser, host, nameof(Under_app_root_path_the_ui_and_the_api_it_calls_live_below_the_sub_path));
        Assert.StartsWith(new Uri(host.BaseAddress, "admin/").ToString(), ui.Page.Url, StringComparison.Ordinal);
        await ui.GoToAsync("Roots", "Roots");
        await ui.Page.GetByLabel("Path or file:// URI").FillAsync("/under/root-path");
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Add root" }).ClickAsync();
        await Assertions.Expect(ui.Page.GetByText("/under/root-path")).ToBeVisibleAsync();

        using var api = host.CreateClient();
        var roots = await api.GetFromJsonAsync<JsonArray>("roots", TestContext.Current.CancellationToken);
        Assert.Contains(roots!, r => r!["uri"]!.GetValue<string>() == "/under/root-path");
        await ui.FinishAsync();
    }

    [Fact]
    public async Task The_ui_its_sign_in_and_the_admin_api_answer_404_when_turned_off()
    {
        await using var host = await GatewayHostProcess.StartAsync(
            azurite.ConnectionString, new Dictionary<string, string?> { ["MCPGATEWAY_UI_ENABLED"] = "false", ["MCPGATEWAY_ADMIN_API_ENABLED"] = "false" });
        using var api = host.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("admin/", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("admin/js/api.js", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsync("auth/session", null, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("export", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("tools", ct)).StatusCode);
    }

    [Fact]
    public async Task Admin_redirects_to_its_folder_and_serves_the_built_assets_with_etags()
    {
        await using var host = await GatewayHostProcess.StartAsync(azurite.ConnectionString);
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };
        var ct = TestContext.Current.CancellationToken;

        var redirect = await client.GetAsync("admin", ct);
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal("/admin/", redirect.Headers.Location!.ToString());

        foreach (var (path, type) in new[] { ("admin/admin.css", "text/css"), ("admin/vendor/htmx.min.js", "text/javascript"), ("admin/vendor/alpine-csp.min.js", "text/javascript"), ("admin/views/tools.html", "text/html") })
        {
            using var response = await client.GetAsync(path, ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType!.MediaType);
            using var again = new HttpRequestMessage(HttpMethod.Get, path);
            again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
            Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again, ct)).StatusCode);
        }

        Assert.Contains(".bg-slate-900", await client.GetStringAsync("admin/admin.css", ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("admin/no-such-file.js", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("admin/..%2F..%2Fappsettings.json", ct)).StatusCode);
    }
}
