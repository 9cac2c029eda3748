using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace McpGateway.AdminUi.Tests;

/// <summary>Registering a peer gateway from the browser and watching its health and federated tools.</summary>
public sealed class AdminGatewaysTests(BrowserFixture browser, AdminGatewaysTests.Fixture gateway) : IClassFixture<AdminGatewaysTests.Fixture>
{
    [Fact]
    public async Task A_registered_peer_is_shown_healthy_with_its_tools_health_checks_and_a_sync_on_demand()
    {
        await using var peer = await TestMcpServer.StartAsync();
        await using var ui = await AdminUiPage.SignedInAsync(browser, gateway.Host, nameof(A_registered_peer_is_shown_healthy_with_its_tools_health_checks_and_a_sync_on_demand));
        var page = ui.Page;
        await ui.GoToAsync("Gateways", "Peer gateways");

        await page.GetByRole(AriaRole.Button, new() { Name = "Register a peer" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("ui peer");
        await page.GetByLabel("URL").FillAsync(peer.Endpoint.ToString());
        await page.GetByLabel("Transport").SelectOptionAsync("STREAMABLEHTTP");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register", Exact = true }).ClickAsync();

        // Registering connects to the peer and reads its catalog: on a loaded machine that takes more than a few seconds.
        await Assertions.Expect(page.GetByTestId("gateway-health-ui peer")).ToHaveTextAsync("healthy", new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("peer-tools")).ToContainTextAsync("ui-peer-greet_me");

        // The health checks (every HEALTH_CHECK_INTERVAL) are kept as the peer's health history, which details show.
        await WaitForAHealthCheckAsync("ui peer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Details of ui peer" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Health checks per interval, failures in red" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("health-chart").Locator("title").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex(@": [1-9]") }).First)
            .ToBeAttachedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sync ui peer now" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Synced: 0 added")).ToBeVisibleAsync();

        await ui.GoToAsync("Dashboard", "Dashboard");
        await Assertions.Expect(page.GetByTestId("health-ui peer")).ToHaveTextAsync("healthy");
        await ui.FinishAsync();
    }

    [Fact]
    public async Task An_unreachable_peer_is_refused_with_the_reason_next_to_its_url()
    {
        await using var ui = await AdminUiPage.SignedInAsync(browser, gateway.Host, nameof(An_unreachable_peer_is_refused_with_the_reason_next_to_its_url));
        var page = ui.Page;
        await ui.GoToAsync("Gateways", "Peer gateways");

        await page.GetByRole(AriaRole.Button, new() { Name = "Register a peer" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("nobody home");
        await page.GetByLabel("URL").FillAsync($"http://127.0.0.1:{FreePorts.Take(1)[0]}/mcp");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register", Exact = true }).ClickAsync();

        await Assertions.Expect(page.Locator("#gateway-url ~ .error-text")).Not.ToBeEmptyAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("gateway-health-nobody home")).ToHaveCountAsync(0);
        await ui.FinishAsync(502);
    }

    [Fact]
    public async Task A_registration_refused_for_clashing_resource_uris_says_so_and_passes_with_them_prefixed()
    {
        await using var peer = await TestMcpServer.StartAsync();
        using (var api = gateway.Host.CreateClient())
        {
            using var first = await api.PostAsJsonAsync("gateways", new { name = "ui first", url = peer.BaseAddress.ToString() }, TestContext.Current.CancellationToken);
            Assert.Equal(System.Net.HttpStatusCode.Created, first.StatusCode);
        }

        await using var ui = await AdminUiPage.SignedInAsync(browser, gateway.Host, nameof(A_registration_refused_for_clashing_resource_uris_says_so_and_passes_with_them_prefixed));
        var page = ui.Page;
        await ui.GoToAsync("Gateways", "Peer gateways");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register a peer" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("ui second");
        await page.GetByLabel("URL").FillAsync(peer.Endpoint.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Register", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "prefix_resources" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("gateway-health-ui second")).ToHaveCountAsync(0);

        await page.GetByLabel("Prefix the peer's resource URIs with its slug", new() { Exact = false }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Register", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("gateway-health-ui second")).ToHaveTextAsync("healthy", new() { Timeout = 60_000 });
        await ui.FinishAsync(409);
    }

    private async Task WaitForAHealthCheckAsync(string peerName)
    {
        using var api = gateway.Host.CreateClient();
        var peers = (await api.GetFromJsonAsync<JsonArray>("gateways", TestContext.Current.CancellationToken))!;
        var id = peers.Single(p => p!["name"]!.GetValue<string>() == peerName)!["id"]!.GetValue<string>();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            var history = (await api.GetFromJsonAsync<JsonObject>($"metrics/history?entity=gateway&id={id}&minutes=60&buckets=30", deadline.Token))!;
            if (history["points"]!.AsArray().Any(point => point!["calls"]!.GetValue<int>() > 0))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), deadline.Token);
        }
    }

    /// <summary>Health checks every 5 s, so a test sees some.</summary>
    public sealed class Fixture(AzuriteFixture azurite) : AdminUiHostFixture(azurite)
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["HEALTH_CHECK_INTERVAL"] = "5" };
    }
}
