using System.Net;
using System.Text;

namespace McpGateway.Host.Tests;

/// <summary>Bodies that are too large, not JSON, or sent with the wrong method get clear problem responses.</summary>
public sealed class RequestLimitsTests(RequestLimitsTests.SmallBodyGateway gateway) : IClassFixture<RequestLimitsTests.SmallBodyGateway>
{
    public sealed class SmallBodyGateway(AzuriteFixture azurite) : GatewayHostFixture(azurite)
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["MAX_REQUEST_BODY_SIZE"] = "4096" };
    }

    private readonly HttpClient client = gateway.Host.CreateClient();

    [Fact]
    public async Task Body_over_the_limit_is_413()
    {
        var body = $$"""{"name":"big","url":"http://127.0.0.1:1/x","description":"{{new string('d', 5000)}}"}""";
        await (await client.PostJsonAsync("tools", body)).ExpectProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Chunked_body_over_the_limit_is_413()
    {
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(new string(' ', 5000) + "{}")));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "tools") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        await (await client.SendAsync(request, TestContext.Current.CancellationToken)).ExpectProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Malformed_json_is_400()
    {
        var problem = await (await client.PostJsonAsync("tools", """{"name": "x", """)).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("JSON", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("")]
    public async Task Body_that_is_not_an_object_is_422(string body) =>
        await (await client.PostJsonAsync("tools", body)).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);

    [Fact]
    public async Task Non_json_content_type_is_415()
    {
        using var content = new StringContent("name=x", Encoding.UTF8, "application/x-www-form-urlencoded");
        await (await client.PostAsync("tools", content, TestContext.Current.CancellationToken)).ExpectProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    public static TheoryData<string, string> UnsupportedMethods() =>
        new(RouteTemplates.All()
            .Select(r => r.Route)
            .Distinct()
            .Select(route => (new[] { "GET", "POST", "PUT", "DELETE", "PATCH" }.First(m => !route.Handlers.ContainsKey(m)), RouteTemplates.Fill(route))));

    [Theory]
    [MemberData(nameof(UnsupportedMethods))]
    public async Task Wrong_method_is_405_with_allow(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        await response.ExpectProblemAsync(HttpStatusCode.MethodNotAllowed);
        Assert.NotEmpty(response.Content.Headers.Allow);
    }
}
