using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace McpGateway.Host.Tests;

/// <summary>REST bodies that are not sound JSON text are refused with a 400 problem, and nothing of them is stored.</summary>
public sealed class RestMalformedBodyTests(GatewayHostFixture gateway) : IClassFixture<GatewayHostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Invalid_utf8_is_refused_not_stored_with_replacement_characters()
    {
        var name = "utf8-" + Guid.NewGuid().ToString("N")[..8];
        var response = await PostAsync("tools", [.. Encoding.UTF8.GetBytes($$"""{"name":"{{name}}","url":"http://127.0.0.1:1/x","description":" """), 0xC3, 0x28, .. "\"}"u8]);

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("UTF-8", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(name, await ListAsync("tools"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lone_surrogate_escape_is_refused_naming_it()
    {
        var uri = "/surrogate-" + Guid.NewGuid().ToString("N")[..8];
        var response = await PostAsync("roots", Encoding.UTF8.GetBytes($$"""{"uri":"{{uri}}","name":"half \ud800 a pair"}"""));

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("surrogate", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(uri, await ListAsync("roots"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duplicate_member_is_refused_naming_it()
    {
        var name = "dup-" + Guid.NewGuid().ToString("N")[..8];
        var response = await PostAsync("prompts", Encoding.UTF8.GetBytes($$"""{"name":"{{name}}","template":"a","template":"b"}"""));

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("'template'", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(name, await ListAsync("prompts"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Protocol_initialize_without_its_params_is_a_validation_problem()
    {
        using var client = gateway.Host.CreateClient();
        var response = await client.PostJsonAsync("protocol/initialize", "{}");

        var problem = await response.ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("protocolVersion", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> PostAsync(string path, byte[] body)
    {
        using var client = gateway.Host.CreateClient();
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        return await client.PostAsync(path, content, Ct);
    }

    private async Task<string> ListAsync(string kind)
    {
        using var client = gateway.Host.CreateClient();
        return JsonNode.Parse(await client.GetStringAsync($"{kind}?include_inactive=true", Ct))!.ToJsonString();
    }
}
