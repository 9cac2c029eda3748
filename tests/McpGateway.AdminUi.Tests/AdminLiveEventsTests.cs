using System.Net.Http.Json;
using Microsoft.Playwright;

namespace McpGateway.AdminUi.Tests;

/// <summary>The dashboard's live feed (GET /events, server-sent events) shows changes as they happen.</summary>
public sealed class AdminLiveEventsTests(BrowserFixture browser, AdminUiHostFixture gateway) : IClassFixture<AdminUiHostFixture>
{
    [Fact]
    public async Task A_tool_added_and_toggled_elsewhere_appears_in_the_live_feed_and_the_counts()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var ui = await AdminUiPage.SignedInAsync(browser, gateway.Host, nameof(A_tool_added_and_toggled_elsewhere_appears_in_the_live_feed_and_the_counts));
        var page = ui.Page;
        await Assertions.Expect(page.GetByTestId("live-state")).ToHaveTextAsync("connected");
        await Assertions.Expect(page.GetByTestId("count-tools")).ToHaveTextAsync("0");

        using var api = gateway.Host.CreateClient();
        (await api.PostAsJsonAsync("tools", new { name = "live_tool", url = gateway.Backend.EchoUrl }, ct)).EnsureSuccessStatusCode();
        await Assertions.Expect(page.GetByTestId("live-events")).ToContainTextAsync("tool live_tool added");
        await Assertions.Expect(page.GetByTestId("count-tools")).ToHaveTextAsync("1");

        (await api.PostAsync("tools/live_tool/toggle?activate=false", null, ct)).EnsureSuccessStatusCode();
        await Assertions.Expect(page.GetByTestId("live-events")).ToContainTextAsync("tool live_tool toggled");
        await ui.FinishAsync();
    }
}
