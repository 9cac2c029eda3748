using System.Net;
using System.Text.Json.Nodes;

namespace McpGateway.Host.Tests;

/// <summary>Only the programs STDIO_ALLOWED_COMMANDS lists may be registered as stdio peers, by POST, PUT or import.</summary>
public sealed class StdioAllowListTests(StdioAllowListTests.DotnetOnlyGateway gateway) : IClassFixture<StdioAllowListTests.DotnetOnlyGateway>
{
    public sealed class DotnetOnlyGateway(AzuriteFixture azurite) : GatewayHostFixture(azurite)
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["STDIO_ALLOWED_COMMANDS"] = "dotnet" };
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string UniqueName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Registering_a_program_not_listed_is_403_naming_the_setting_and_stores_nothing()
    {
        var name = UniqueName("shell");
        using var rest = gateway.Host.CreateClient();

        var refused = await rest.PostJsonAsync("gateways", StdioUpstream.Registration(name, new Dictionary<string, string>(), command: "sh").ToJsonString());

        await AssertRefusedAsync(refused);
        var gateways = (await (await rest.GetAsync("gateways", Ct)).ExpectAsync(HttpStatusCode.OK)).AsArray();
        Assert.DoesNotContain(gateways, g => g!["name"]!.GetValue<string>() == name);
    }

    [Fact]
    public async Task Changing_an_allowed_peer_to_a_program_not_listed_is_403_and_keeps_the_program()
    {
        using var rest = gateway.Host.CreateClient();
        var registered = await (await rest.PostJsonAsync("gateways", StdioUpstream.Registration(UniqueName("allowed"), new Dictionary<string, string>()).ToJsonString()))
            .ExpectAsync(HttpStatusCode.Created);
        var id = registered["id"]!.GetValue<string>();

        await AssertRefusedAsync(await rest.PutJsonAsync($"gateways/{id}", """{"command":"/bin/sh"}"""));

        var kept = await (await rest.GetAsync($"gateways/{id}", Ct)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("dotnet", kept["stdio"]!["command"]!.GetValue<string>());
        await (await rest.DeleteAsync($"gateways/{id}", Ct)).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Importing_a_peer_whose_program_is_not_listed_is_403_and_imports_nothing()
    {
        using var rest = gateway.Host.CreateClient();
        var allowedName = UniqueName("exported");
        var registered = await (await rest.PostJsonAsync("gateways", StdioUpstream.Registration(allowedName, new Dictionary<string, string>()).ToJsonString()))
            .ExpectAsync(HttpStatusCode.Created);
        var export = await (await rest.GetAsync("export?types=gateways", Ct)).ExpectAsync(HttpStatusCode.OK);
        await (await rest.DeleteAsync($"gateways/{registered["id"]}", Ct)).ExpectAsync(HttpStatusCode.OK);
        var item = export["entities"]!["gateways"]!.AsArray().Single(g => g!["name"]!.GetValue<string>() == allowedName)!;
        var shell = item.DeepClone().AsObject();
        var shellName = UniqueName("imported");
        shell["id"] = Guid.NewGuid().ToString("N");
        shell["name"] = shellName;
        shell["slug"] = shellName;
        shell["url"] = $"stdio://{shellName}";
        shell["stdio"]!["command"] = "sh";
        var document = new JsonObject
        {
            ["import_data"] = new JsonObject { ["entities"] = new JsonObject { ["gateways"] = new JsonArray(item.DeepClone(), shell) } },
        };

        await AssertRefusedAsync(await rest.PostJsonAsync("import", document.ToJsonString()));

        var gateways = (await (await rest.GetAsync("gateways", Ct)).ExpectAsync(HttpStatusCode.OK)).AsArray();
        Assert.DoesNotContain(gateways, g => g!["name"]!.GetValue<string>() is var n && (n == shellName || n == allowedName));
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        var problem = await response.ExpectProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("STDIO_ALLOWED_COMMANDS", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
