using System.Net;

namespace McpGateway.Host.Tests;

/// <summary>/roots through the running host: the seed's curl examples and errors.</summary>
public sealed class RootsApiTests(GatewayHostFixture gateway) : IClassFixture<GatewayHostFixture>
{
    private readonly HttpClient client = gateway.Host.CreateClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Seed_examples_add_list_and_remove_a_root()
    {
        var added = await (await client.PostJsonAsync("roots", """{"uri":"/data","name":"Data Root"}""")).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("/data", added["uri"]!.GetValue<string>());
        Assert.Equal("Data Root", added["name"]!.GetValue<string>());

        var list = (await (await client.GetAsync("roots", Ct)).ExpectAsync(HttpStatusCode.OK)).AsArray();
        Assert.Contains(list, r => r!["uri"]!.GetValue<string>() == "/data" && r["name"]!.GetValue<string>() == "Data Root");

        var removed = await (await client.DeleteAsync("roots/%2Fdata", Ct)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("success", removed["status"]!.GetValue<string>());
        Assert.Equal("/data", removed["uri"]!.GetValue<string>());
        var after = (await (await client.GetAsync("roots", Ct)).ExpectAsync(HttpStatusCode.OK)).AsArray();
        Assert.DoesNotContain(after, r => r!["uri"]!.GetValue<string>() == "/data");
        await (await client.DeleteAsync("roots/%2Fdata", Ct)).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task File_uris_are_kept_as_given_and_removed_raw_or_encoded()
    {
        var added = await (await client.PostJsonAsync("roots", """{"root": {"uri":"file:///srv/share"}}""")).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("file:///srv/share", added["uri"]!.GetValue<string>());
        Assert.Null(added["name"]);
        await (await client.PostJsonAsync("roots", """{"uri":"file:///srv/other","name":"Other"}""")).ExpectAsync(HttpStatusCode.Created);

        var list = (await (await client.GetAsync("roots", Ct)).ExpectAsync(HttpStatusCode.OK)).AsArray();
        Assert.Equal(["file:///srv/share", "file:///srv/other"], list.Select(r => r!["uri"]!.GetValue<string>()).Where(u => u.StartsWith("file:///srv/", StringComparison.Ordinal)));

        await (await client.DeleteAsync("roots/file:///srv/share", Ct)).ExpectAsync(HttpStatusCode.OK);
        await (await client.DeleteAsync($"roots/{Uri.EscapeDataString("file:///srv/other")}", Ct)).ExpectAsync(HttpStatusCode.OK);
        var after = (await (await client.GetAsync("roots", Ct)).ExpectAsync(HttpStatusCode.OK)).AsArray();
        Assert.DoesNotContain(after, r => r!["uri"]!.GetValue<string>().StartsWith("file:///srv/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Duplicate_uri_is_409_naming_the_field()
    {
        await (await client.PostJsonAsync("roots", """{"uri":"/dup","name":"First"}""")).ExpectAsync(HttpStatusCode.Created);
        var problem = await (await client.PostJsonAsync("roots", """{"uri":"/dup","name":"Second"}""")).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("uri", problem["field"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"name":"No uri"}""")]
    [InlineData("""{"uri":"data","name":"Relative"}""")]
    [InlineData("""{"uri":"http://example.com/data","name":"Not a file"}""")]
    [InlineData("""{"uri":"  ","name":"Blank"}""")]
    public async Task Invalid_uri_is_422(string body)
    {
        var problem = await (await client.PostJsonAsync("roots", body)).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("uri", problem["field"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("PUT", "roots")]
    [InlineData("DELETE", "roots")]
    [InlineData("GET", "roots/%2Fdata")]
    [InlineData("POST", "roots/%2Fdata")]
    public async Task Unsupported_method_is_405_with_allow(string method, string path)
    {
        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Ct);
        await response.ExpectProblemAsync(HttpStatusCode.MethodNotAllowed);
        Assert.NotEmpty(response.Content.Headers.Allow);
    }
}
