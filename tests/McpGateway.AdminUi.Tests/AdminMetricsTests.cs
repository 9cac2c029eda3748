using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace McpGateway.AdminUi.Tests;

/// <summary>Metrics per item with calls and latency over time, and the dashboard's busiest tools.</summary>
public sealed class AdminMetricsTests(BrowserFixture browser, AdminMetricsTests.Fixture gateway) : IClassFixture<AdminMetricsTests.Fixture>
{
    [Fact]
    public async Task Calls_of_a_tool_appear_in_its_chart_its_row_and_the_dashboard_top_lists()
    {
        var ct = TestContext.Current.CancellationToken;
        using var api = gateway.Host.CreateClient();
        var created = await api.PostAsJsonAsync("tools", new { name = "metered", url = gateway.Backend.EchoUrl }, ct);
        var id = (await created.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>(ct))!["id"]!.GetValue<string>();
        var failing = new Uri(gateway.Backend.EchoUrl, "/say?status=500").ToString();
        (await api.PostAsJsonAsync("tools", new { name = "failing", url = failing }, ct)).EnsureSuccessStatusCode();
        foreach (var (tool, times) in new[] { ("metered", 3), ("failing", 2) })
        {
            for (var i = 0; i < times; i++)
            {
                var call = new { jsonrpc = "2.0", id = i, method = "tools/call", @params = new { name = tool, arguments = new { n = i } } };
                (await api.PostAsJsonAsync("rpc", call, ct)).EnsureSuccessStatusCode();
            }
        }

        var history = (await api.GetFromJsonAsync<JsonObject>($"metrics/history?entity=tool&id={id}&minutes=15&buckets=15", ct))!;
        Assert.Equal(15, history["points"]!.AsArray().Count);
        Assert.Equal(3, history["points"]!.AsArray().Sum(p => p!["calls"]!.GetValue<int>()));

        await using var ui = await AdminUiPage.SignedInAsync(browser, gateway.Host, nameof(Calls_of_a_tool_appear_in_its_chart_its_row_and_the_dashboard_top_lists));
        var page = ui.Page;
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Top tools by calls" })).ToContainTextAsync("metered: 3 calls");
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Top tools by failures" })).ToContainTextAsync("failing: 2 failures");
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Top tools by failures" })).Not.ToContainTextAsync("metered");
        await Assertions.Expect(page.GetByTestId("count-tools")).ToHaveTextAsync("2");

        await ui.GoToAsync("Metrics", "Metrics");
        await Assertions.Expect(ui.Row("metered")).ToContainTextAsync("3");
        await page.GetByLabel("Item", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "metered" });
        await page.GetByLabel("Window").SelectOptionAsync("15");
        var calls = page.GetByTestId("calls-chart");
        await Assertions.Expect(calls.GetByRole(AriaRole.Img, new() { Name = "Calls per interval, failures in red" })).ToBeVisibleAsync();
        await Assertions.Expect(calls.Locator("title").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex(": 3$") })).ToHaveCountAsync(1);
        await ui.FinishAsync();
    }

    /// <summary>Failed calls are not retried, so the failing tool fails fast.</summary>
    public sealed class Fixture(AzuriteFixture azurite) : AdminUiHostFixture(azurite)
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["MAX_TOOL_RETRIES"] = "0" };
    }
}
