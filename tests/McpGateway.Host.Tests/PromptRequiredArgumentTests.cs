using System.Net;

namespace McpGateway.Host.Tests;

/// <summary>
/// <c>POST /prompts/{name}</c> with a body renders the prompt, so a required argument the body lacks is a 422 naming it;
/// a GET, or a POST without a body, returns the template unrendered as ContextForge does.
/// </summary>
public sealed class PromptRequiredArgumentTests(GatewayHostFixture gateway) : IClassFixture<GatewayHostFixture>
{
    private const string Template = "Hello, {{ user }}!";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly HttpClient client = gateway.Host.CreateClient();

    [Fact]
    public async Task An_empty_argument_object_is_422_naming_the_missing_required_argument()
    {
        var name = await CreateAsync();

        var problem = await (await client.PostJsonAsync($"prompts/{name}", "{}")).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("user", problem["field"]!.GetValue<string>());
        Assert.Contains("'user'", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_without_a_body_and_a_get_return_the_template_unrendered()
    {
        var name = await CreateAsync();

        var posted = await (await client.PostAsync($"prompts/{name}", null, Cancel)).ExpectAsync(HttpStatusCode.OK);
        var got = await (await client.GetAsync($"prompts/{name}", Cancel)).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(Template, posted["messages"]![0]!["content"]!["text"]!.GetValue<string>());
        Assert.Equal(Template, got["messages"]![0]!["content"]!["text"]!.GetValue<string>());
    }

    private async Task<string> CreateAsync()
    {
        var name = "greet-" + Guid.NewGuid().ToString("N")[..8];
        await (await client.PostJsonAsync("prompts", ApiClientExtensions.Json(new
        {
            name,
            template = Template,
            argument_schema = new { type = "object", properties = new { user = new { type = "string" } }, required = new[] { "user" } },
        }))).ExpectAsync(HttpStatusCode.Created);
        return name;
    }
}
