using System.Text.Json;
using McpGateway.Shared.Catalog.Credentials;
using McpGateway.Testing;

namespace McpGateway.Shared.Tests.Upstreams;

/// <summary>How the upstream's answer becomes a tool result: pretty JSON, raw text, JSONPath filters, structured content, errors.</summary>
public sealed class RestToolResultTests : IAsyncLifetime
{
    private RestToolHarness harness = null!;

    public async ValueTask InitializeAsync() => harness = await RestToolHarness.StartAsync();

    public ValueTask DisposeAsync() => harness.DisposeAsync();

    [Fact]
    public async Task Json_is_pretty_printed()
    {
        harness.Server.Answer(new UpstreamAnswer(Body: """{"city":"Zürich","temps":[1,2]}"""));

        var result = await harness.CallAsync(harness.Tool("GET", "/weather"));

        Assert.NotEqual(true, result.IsError);
        Assert.Equal("{\n  \"city\": \"Zürich\",\n  \"temps\": [\n    1,\n    2\n  ]\n}", RestToolHarness.Text(result).ReplaceLineEndings("\n"));
        Assert.Null(result.StructuredContent);
    }

    [Fact]
    public async Task Text_is_returned_as_it_is()
    {
        harness.Server.Answer(new UpstreamAnswer(Body: "<p>plain {not json</p>", ContentType: "text/html"));
        var result = await harness.CallAsync(harness.Tool("GET", "/page"));
        Assert.Equal("<p>plain {not json</p>", RestToolHarness.Text(result));
    }

    [Fact]
    public async Task Jsonpath_filter_gives_one_match_as_itself_and_several_as_an_array()
    {
        harness.Server.Answer(new UpstreamAnswer(Body: """{"items":[{"id":1,"price":1.10,"at":"2024-01-02T03:04:05Z"},{"id":2,"price":20}]}"""));

        var one = await harness.CallAsync(harness.Tool("GET", "/items", t => t with { JsonpathFilter = "$.items[0]" }));
        var several = await harness.CallAsync(harness.Tool("GET", "/items", t => t with { JsonpathFilter = "$.items[*].id" }));
        var none = await harness.CallAsync(harness.Tool("GET", "/items", t => t with { JsonpathFilter = "$.missing" }));

        var first = JsonDocument.Parse(RestToolHarness.Text(one)).RootElement;
        Assert.Equal(1, first.GetProperty("id").GetInt32());
        Assert.Equal("1.10", first.GetProperty("price").GetRawText());
        Assert.Equal("2024-01-02T03:04:05Z", first.GetProperty("at").GetString());
        Assert.Equal([1, 2], JsonSerializer.Deserialize<int[]>(RestToolHarness.Text(several))!);
        Assert.Equal("[]", RestToolHarness.Text(none));
    }

    [Fact]
    public async Task Jsonpath_filter_on_a_response_that_is_not_json_is_an_error()
    {
        harness.Server.Answer(new UpstreamAnswer(Body: "not json", ContentType: "text/plain"));

        var result = await harness.CallAsync(harness.Tool("GET", "/items", t => t with { JsonpathFilter = "$.items" }));

        Assert.True(result.IsError);
        Assert.Contains("not JSON", RestToolHarness.Text(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Output_schema_adds_structured_content_wrapping_values_that_are_not_objects()
    {
        var schema = RestToolHarness.Json("""{"type":"object"}""");
        harness.Server.Answer(new UpstreamAnswer(Body: """{"temp":21}"""), new UpstreamAnswer(Body: "[1,2]"), new UpstreamAnswer(Body: "sunny", ContentType: "text/plain"));
        var tool = harness.Tool("GET", "/w", t => t with { OutputSchema = schema });

        var structured = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var result = await harness.CallAsync(tool);
            structured.Add(result.StructuredContent!.Value.GetRawText());
        }

        Assert.Equal(["""{"temp":21}""", """{"result":[1,2]}""", """{"result":"sunny"}"""], structured);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(404)]
    public async Task Client_error_is_an_error_with_status_and_excerpt_and_is_not_retried(int status)
    {
        harness.Server.Answer(new UpstreamAnswer(status, """{"detail":"no such city"}"""));

        var result = await harness.CallAsync(harness.Tool("GET", "/weather"));

        Assert.True(result.IsError);
        var text = RestToolHarness.Text(result);
        Assert.Contains($"HTTP {status}", text, StringComparison.Ordinal);
        Assert.Contains("no such city", text, StringComparison.Ordinal);
        Assert.Single(harness.Server.Requests);
    }

    [Fact]
    public async Task Credentials_echoed_in_an_error_body_are_masked()
    {
        var auth = harness.Codec.Build(new AuthInput { AuthType = "bearer", Token = "very-secret-token" }, current: null);
        harness.Server.Answer(new UpstreamAnswer(401, "invalid token very-secret-token", "text/plain"));

        var result = await harness.CallAsync(harness.Tool("GET", "/secure", t => t with { Auth = auth }));

        Assert.True(result.IsError);
        Assert.DoesNotContain("very-secret-token", RestToolHarness.Text(result), StringComparison.Ordinal);
        Assert.Contains(AuthCodec.Mask, RestToolHarness.Text(result), StringComparison.Ordinal);
    }
}
