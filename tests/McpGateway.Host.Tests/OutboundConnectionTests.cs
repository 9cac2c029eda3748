using System.Net;
using ModelContextProtocol.Protocol;

namespace McpGateway.Host.Tests;

/// <summary>
/// The outbound policy is checked again on the address the gateway connects to, so neither a name that resolves
/// elsewhere later (DNS rebinding) nor a redirect gets around the check made at registration. Names resolve through
/// the host's SSRF_HOSTS_FILE; only 127.0.0.1 is allowed (SSRF_ALLOWED_NETWORKS), so the refused address, 127.0.0.2,
/// is still on this machine.
/// </summary>
public sealed class OutboundConnectionTests(OutboundConnectionTests.PolicedGateway gateway) : IClassFixture<OutboundConnectionTests.PolicedGateway>
{
    private static readonly IPAddress Refused = IPAddress.Parse("127.0.0.2");

    public sealed class PolicedGateway(AzuriteFixture azurite) : McpCatalogFixture(azurite), IAsyncLifetime
    {
        private readonly string hostsFolder = Directory.CreateTempSubdirectory("mcpgw-hosts-").FullName;
        private readonly Dictionary<string, IPAddress> names = [];

        public UpstreamServer Upstream { get; private set; } = null!;

        private string HostsFile => Path.Combine(hostsFolder, "hosts");

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["SSRF_ALLOW_LOCALHOST"] = null,
            ["SSRF_ALLOWED_NETWORKS"] = "127.0.0.1/32",
            ["SSRF_HOSTS_FILE"] = HostsFile,
            ["MAX_TOOL_RETRIES"] = "1",
            ["TOOL_TIMEOUT"] = "10",
        };

        /// <summary>Makes <paramref name="name"/> resolve to <paramref name="address"/> from now on (the file is replaced whole).</summary>
        public void Resolve(string name, IPAddress address)
        {
            lock (names)
            {
                names[name] = address;
                var next = HostsFile + ".next";
                File.WriteAllLines(next, names.Select(n => $"{n.Value} {n.Key}"));
                File.Move(next, HostsFile, overwrite: true);
            }
        }

        async ValueTask IAsyncLifetime.InitializeAsync()
        {
            File.WriteAllText(HostsFile, string.Empty);
            await InitializeCatalogAsync();
            Upstream = await UpstreamServer.StartAsync();
        }

        async ValueTask IAsyncDisposable.DisposeAsync()
        {
            await Upstream.DisposeAsync();
            await DisposeAsync();
            Directory.Delete(hostsFolder, recursive: true);
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_name_that_rebinds_to_a_refused_address_is_refused_at_call_time()
    {
        var host = $"rebind-{Guid.NewGuid():N}.test";
        gateway.Resolve(host, IPAddress.Loopback);
        // Each answer closes its connection, so the second call connects (and resolves) again.
        gateway.Upstream.Answer(new UpstreamAnswer(Body: """{"ok":true}""") { Headers = new Dictionary<string, string> { ["Connection"] = "close" } });
        var path = "/api/" + Guid.NewGuid().ToString("N");
        var tool = await RegisterAsync($"http://{host}:{gateway.Upstream.BaseUri.Port}{path}");
        await using var client = await gateway.ConnectAsync("2025-11-25");

        var first = await client.CallToolAsync(tool, cancellationToken: Ct);
        gateway.Resolve(host, Refused);
        var second = await client.CallToolAsync(tool, cancellationToken: Ct);

        Assert.True(first.IsError != true, Text(first));
        Assert.True(second.IsError);
        Assert.Contains($"outbound policy refused {host} at 127.0.0.2 (loopback", Text(second), StringComparison.Ordinal);
        Assert.Single(gateway.Upstream.Requests, r => r.Path == path);
    }

    [Fact]
    public async Task A_redirect_to_a_refused_address_is_refused()
    {
        var path = "/api/" + Guid.NewGuid().ToString("N");
        var target = $"http://{Refused}:{gateway.Upstream.BaseUri.Port}/latest/meta-data/";
        gateway.Upstream.Answer(new UpstreamAnswer(Status: 302) { Headers = new Dictionary<string, string> { ["Location"] = target } });
        var tool = await RegisterAsync(gateway.Upstream.Url(path));
        await using var client = await gateway.ConnectAsync("2025-11-25");

        var result = await client.CallToolAsync(tool, cancellationToken: Ct);

        Assert.True(result.IsError);
        Assert.Contains("outbound policy refused 127.0.0.2 (loopback", Text(result), StringComparison.Ordinal);
        Assert.Single(gateway.Upstream.Requests, r => r.Path == path);
    }

    [Fact]
    public async Task A_peer_whose_name_resolves_to_a_refused_address_is_502_naming_the_policy()
    {
        var host = $"peer-{Guid.NewGuid():N}.test";
        gateway.Resolve(host, Refused);
        using var rest = gateway.Host.CreateClient();

        var problem = await (await rest.PostJsonAsync("gateways", ApiClientExtensions.Json(new { name = host, url = $"http://{host}:{gateway.Upstream.BaseUri.Port}/mcp" })))
            .ExpectProblemAsync(HttpStatusCode.BadGateway);

        Assert.Contains($"outbound policy refused {host} at 127.0.0.2 (loopback", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(gateway.Upstream.Requests, r => r.Path == "/mcp");
    }

    private async Task<string> RegisterAsync(string url)
    {
        var name = "policed_" + Guid.NewGuid().ToString("N");
        using var rest = gateway.Host.CreateClient();
        await (await rest.PostJsonAsync("tools", ApiClientExtensions.Json(new { name, url, request_type = "GET" }))).ExpectAsync(HttpStatusCode.Created);
        return name;
    }

    private static string Text(CallToolResult result) => Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
}
