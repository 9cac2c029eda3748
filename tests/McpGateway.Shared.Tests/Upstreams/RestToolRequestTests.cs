using System.Text.Json;
using McpGateway.Shared.Auth;
using McpGateway.Shared.Catalog.Credentials;
using McpGateway.Shared.Configuration;
using Microsoft.Extensions.Options;

namespace McpGateway.Shared.Tests.Upstreams;

/// <summary>What reaches the upstream: arguments in the query or the body, URL placeholders, headers and credentials.</summary>
public sealed class RestToolRequestTests : IAsyncLifetime
{
    private RestToolHarness harness = null!;

    public async ValueTask InitializeAsync() => harness = await RestToolHarness.StartAsync();

    public ValueTask DisposeAsync() => harness.DisposeAsync();

    [Theory]
    [InlineData("GET")]
    [InlineData("DELETE")]
    public async Task Get_and_delete_send_arguments_as_query_parameters(string verb)
    {
        var tool = harness.Tool(verb, "/search?fixed=1");

        var result = await harness.CallAsync(tool, """{"q":"a b&c","n":3,"exact":true,"tags":["x","y"],"filter":{"k":"v"},"none":null}""");

        Assert.NotEqual(true, result.IsError);
        var request = Assert.Single(harness.Server.Requests);
        Assert.Equal(verb, request.Method);
        Assert.Equal("/search", request.Path);
        Assert.Equal(["1"], request.Query["fixed"]);
        Assert.Equal(["a b&c"], request.Query["q"]);
        Assert.Equal(["3"], request.Query["n"]);
        Assert.Equal(["true"], request.Query["exact"]);
        Assert.Equal(["x", "y"], request.Query["tags"]);
        Assert.Equal("""{"k":"v"}""", Assert.Single(request.Query["filter"]));
        Assert.False(request.Query.ContainsKey("none"));
        Assert.Empty(request.Body);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    public async Task Post_put_and_patch_send_arguments_as_a_json_body(string verb)
    {
        var tool = harness.Tool(verb, "/items");

        await harness.CallAsync(tool, """{"name":"widget","count":2,"tags":["a"],"meta":{"k":null}}""");

        var request = Assert.Single(harness.Server.Requests);
        Assert.Equal(verb, request.Method);
        Assert.Empty(request.Query);
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        var body = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal("widget", body.GetProperty("name").GetString());
        Assert.Equal(2, body.GetProperty("count").GetInt32());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("meta").GetProperty("k").ValueKind);
    }

    [Fact]
    public async Task Post_without_arguments_sends_an_empty_object()
    {
        await harness.CallAsync(harness.Tool("POST", "/items"));
        Assert.Equal("{}", Assert.Single(harness.Server.Requests).Body);
    }

    [Fact]
    public async Task Url_placeholders_take_their_arguments_encoded_and_leave_the_rest()
    {
        var get = harness.Tool("GET", "/users/{user}/orders/{order}");
        var post = harness.Tool("POST", "/users/{user}");

        await harness.CallAsync(get, """{"user":"a b/c","order":42,"status":"open"}""");
        await harness.CallAsync(post, """{"user":"ann","note":"hi"}""");

        var (first, second) = (harness.Server.Requests[0], harness.Server.Requests[1]);
        Assert.StartsWith("/users/a%20b%2Fc/orders/42?", first.RawTarget, StringComparison.Ordinal);
        Assert.Equal(["status"], first.Query.Keys);
        Assert.Equal("/users/ann", second.Path);
        Assert.Equal("""{"note":"hi"}""", second.Body);
    }

    [Fact]
    public async Task Missing_placeholder_argument_is_an_error_naming_it_and_sends_nothing()
    {
        var result = await harness.CallAsync(harness.Tool("GET", "/users/{user}"), """{"other":1}""");

        Assert.True(result.IsError);
        Assert.Contains("'user'", RestToolHarness.Text(result), StringComparison.Ordinal);
        Assert.Empty(harness.Server.Requests);
    }

    [Fact]
    public async Task Tool_headers_reach_the_upstream()
    {
        var tool = harness.Tool("POST", "/h", t => t with
        {
            Headers = new Dictionary<string, string> { ["X-Trace"] = "abc", ["Accept-Language"] = "fr", ["Content-Type"] = "application/vnd.api+json" },
        });

        await harness.CallAsync(tool, """{"a":1}""");

        var headers = Assert.Single(harness.Server.Requests).Headers;
        Assert.Equal("abc", headers["X-Trace"]);
        Assert.Equal("fr", headers["Accept-Language"]);
        Assert.Equal("application/vnd.api+json", headers["Content-Type"]);
    }

    [Theory]
    [InlineData("basic", "Authorization", "Basic dXNlcjpwQHNz")]
    [InlineData("bearer", "Authorization", "Bearer tok-123")]
    [InlineData("authheaders", "X-Api-Key", "key-456")]
    public async Task Each_kind_of_credentials_reaches_the_upstream(string authType, string header, string expected)
    {
        var auth = harness.Codec.Build(
            new AuthInput { AuthType = authType, Username = "user", Password = "p@ss", Token = "tok-123", AuthHeaderKey = "X-Api-Key", AuthHeaderValue = "key-456" },
            current: null);

        // A configured header of the same name gives way to the credentials.
        var tool = harness.Tool("GET", "/secure", t => t with { Auth = auth, Headers = new Dictionary<string, string> { [header] = "configured" } });
        var result = await harness.CallAsync(tool);

        Assert.NotEqual(true, result.IsError);
        Assert.Equal(expected, Assert.Single(harness.Server.Requests).Headers[header]);
    }

    [Fact]
    public async Task Credentials_that_cannot_be_decrypted_are_an_error_before_anything_is_sent()
    {
        var otherSecret = new AuthCodec(new SecretProtector(Options.Create(new AuthOptions { AuthEncryptionSecret = "another-secret" })));
        var auth = otherSecret.Build(new AuthInput { AuthType = "bearer", Token = "tok" }, current: null);

        var result = await harness.CallAsync(harness.Tool("GET", "/secure", t => t with { Auth = auth }));

        Assert.True(result.IsError);
        Assert.Contains("AUTH_ENCRYPTION_SECRET", RestToolHarness.Text(result), StringComparison.Ordinal);
        Assert.Empty(harness.Server.Requests);
    }
}
