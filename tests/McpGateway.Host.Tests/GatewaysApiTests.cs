using System.Net;

namespace McpGateway.Host.Tests;

/// <summary>/gateways (peer registrations) through the running host: the seed's curl examples, uniqueness, credentials.</summary>
public sealed class GatewaysApiTests(GatewaysApiTests.RegistryOnlyGateway gateway) : IClassFixture<GatewaysApiTests.RegistryOnlyGateway>
{
    /// <summary>
    /// Registration as a catalog record only (FEDERATION_ENABLED=false): the peers in these tests do not exist.
    /// Connecting to real upstreams is covered by the federation tests.
    /// </summary>
    public sealed class RegistryOnlyGateway(AzuriteFixture azurite) : GatewayHostFixture(azurite)
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["FEDERATION_ENABLED"] = "false" };
    }

    private readonly HttpClient client = gateway.Host.CreateClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Seed_examples_register_get_update_toggle_and_delete_a_peer()
    {
        var created = await (await client.PostJsonAsync("gateways", """{"name":"peer_gateway","url":"http://peer:4444"}""")).ExpectAsync(HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();
        Assert.Equal("peer_gateway", created["name"]!.GetValue<string>());
        Assert.Equal("peer-gateway", created["slug"]!.GetValue<string>());
        Assert.Equal("http://peer:4444", created["url"]!.GetValue<string>());
        Assert.Null(created["transport"]);
        Assert.Null(created["auth"]);
        Assert.Null(created["lastSeen"]);
        Assert.Null(created["passthroughHeaders"]);
        Assert.True(created["reachable"]!.GetValue<bool>());
        Assert.True(created["enabled"]!.GetValue<bool>());
        Assert.NotNull(created["createdAt"]);
        Assert.NotNull(created["updatedAt"]);

        var list = (await (await client.GetAsync("gateways", Ct)).ExpectAsync(HttpStatusCode.OK)).AsArray();
        Assert.Contains(list, g => g!["id"]!.GetValue<string>() == id);
        var byId = await (await client.GetAsync($"gateways/{id}", Ct)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("peer_gateway", byId["name"]!.GetValue<string>());

        var updated = await (await client.PutJsonAsync($"gateways/{id}", """{"description":"New description"}""")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("New description", updated["description"]!.GetValue<string>());
        Assert.Equal("http://peer:4444", updated["url"]!.GetValue<string>());

        var toggled = await (await client.PostAsync($"gateways/{id}/toggle?activate=false", null, Ct)).ExpectAsync(HttpStatusCode.OK);
        Assert.False(toggled["gateway"]!["enabled"]!.GetValue<bool>());
        var active = (await (await client.GetAsync("gateways", Ct)).ExpectAsync(HttpStatusCode.OK)).AsArray();
        Assert.DoesNotContain(active, g => g!["id"]!.GetValue<string>() == id);
        var all = (await (await client.GetAsync("gateways?include_inactive=true", Ct)).ExpectAsync(HttpStatusCode.OK)).AsArray();
        Assert.Contains(all, g => g!["id"]!.GetValue<string>() == id);
        var state = await (await client.PostAsync($"gateways/{id}/state?activate=true", null, Ct)).ExpectAsync(HttpStatusCode.OK);
        Assert.True(state["gateway"]!["enabled"]!.GetValue<bool>());

        await (await client.DeleteAsync($"gateways/{id}", Ct)).ExpectAsync(HttpStatusCode.OK);
        await (await client.GetAsync($"gateways/{id}", Ct)).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await client.PostJsonAsync("gateways", """{"name":"peer_gateway","url":"http://peer:4444"}""")).ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Duplicate_name_slug_or_url_is_409_naming_the_field()
    {
        await (await client.PostJsonAsync("gateways", """{"name":"dup-peer","url":"http://dup-peer:4444"}""")).ExpectAsync(HttpStatusCode.Created);
        var duplicates = new Dictionary<string, string>
        {
            ["""{"name":"dup-peer","url":"http://dup-peer-2:4444"}"""] = "name",
            ["""{"name":"Dup Peer","url":"http://dup-peer-3:4444"}"""] = "slug",
            ["""{"name":"dup_url_1","url":"http://dup-peer:4444"}"""] = "url",
            ["""{"name":"dup_url_2","url":"HTTP://Dup-Peer:4444/"}"""] = "url",
        };
        foreach (var (body, field) in duplicates)
        {
            var problem = await (await client.PostJsonAsync("gateways", body)).ExpectProblemAsync(HttpStatusCode.Conflict);
            Assert.Equal(field, problem["field"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Renaming_changes_the_slug_and_a_taken_url_is_409_on_update()
    {
        var first = await (await client.PostJsonAsync("gateways", """{"name":"rename_me","url":"http://rename-1:4444"}""")).ExpectAsync(HttpStatusCode.Created);
        await (await client.PostJsonAsync("gateways", """{"name":"taken","url":"http://rename-2:4444"}""")).ExpectAsync(HttpStatusCode.Created);

        var renamed = await (await client.PutJsonAsync($"gateways/{first["id"]}", """{"name":"Renamed Peer (EU)"}""")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("renamed-peer-eu", renamed["slug"]!.GetValue<string>());
        var problem = await (await client.PutJsonAsync($"gateways/{first["id"]}", """{"url":"http://rename-2:4444"}""")).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("url", problem["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Transport_and_passthrough_headers_are_normalised_and_the_wrapped_form_is_accepted()
    {
        var created = await (await client.PostJsonAsync("gateways", """
            {"gateway": {"name":"wrapped_peer","url":"https://wrapped.example/mcp","transport":"streamablehttp",
                         "passthroughHeaders":"X-Tenant-Id, Authorization, x-tenant-id","tags":["EU"]}}
            """)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("STREAMABLEHTTP", created["transport"]!.GetValue<string>());
        Assert.Equal(new[] { "X-Tenant-Id", "Authorization" }, created["passthroughHeaders"]!.AsArray().Select(h => h!.GetValue<string>()));
        Assert.Equal(new[] { "eu" }, created["tags"]!.AsArray().Select(t => t!.GetValue<string>()));

        var updated = await (await client.PutJsonAsync($"gateways/{created["id"]}", """{"transport":"SSE","passthrough_headers":[]}""")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("SSE", updated["transport"]!.GetValue<string>());
        Assert.Empty(updated["passthroughHeaders"]!.AsArray());
    }

    [Theory]
    [InlineData("""{"url":"http://no-name:4444"}""", "name")]
    [InlineData("""{"name":"!!!","url":"http://punctuation:4444"}""", "name")]
    [InlineData("""{"name":"no_url"}""", "url")]
    [InlineData("""{"name":"ftp_url","url":"ftp://peer"}""", "url")]
    [InlineData("""{"name":"relative_url","url":"/peer"}""", "url")]
    [InlineData("""{"name":"bad_transport","url":"http://bad-transport:4444","transport":"WEBSOCKET"}""", "transport")]
    [InlineData("""{"name":"bad_header","url":"http://bad-header:4444","passthrough_headers":["X Bad"]}""", "passthrough_headers")]
    [InlineData("""{"name":"bad_auth","url":"http://bad-auth:4444","auth":{"auth_type":"bearer"}}""", "auth.token")]
    [InlineData("""{"name":"bad_flat_auth","url":"http://bad-flat-auth:4444","auth_type":"basic","auth_username":"u"}""", "auth.password")]
    public async Task Invalid_body_is_422_naming_the_field(string body, string field)
    {
        var problem = await (await client.PostJsonAsync("gateways", body)).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(field, problem["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Credentials_are_masked_in_every_response_and_never_logged()
    {
        const string token = "peer-secret-token-0f3a9c";
        var created = await (await client.PostJsonAsync("gateways", $$$"""
            {"name":"secured_peer","url":"https://secured.example","auth":{"auth_type":"bearer","token":"{{{token}}}"}}
            """)).ExpectAsync(HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();
        Assert.Equal("bearer", created["auth"]!["authType"]!.GetValue<string>());
        Assert.Equal("*****", created["auth"]!["token"]!.GetValue<string>());

        var masked = await (await client.PutJsonAsync($"gateways/{id}", """{"auth":{"auth_type":"bearer","token":"*****"},"description":"kept"}"""))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("*****", masked["auth"]!["token"]!.GetValue<string>());

        const string password = "flat-form-password-77e1";
        var flat = await (await client.PostJsonAsync("gateways", $$"""
            {"name":"flat_auth_peer","url":"https://flat.example","auth_type":"basic","auth_username":"svc","auth_password":"{{password}}"}
            """)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("svc", flat["auth"]!["username"]!.GetValue<string>());
        Assert.Equal("*****", flat["auth"]!["password"]!.GetValue<string>());

        var bodies = new List<string> { created.ToJsonString(), masked.ToJsonString(), flat.ToJsonString() };
        bodies.Add(await client.GetStringAsync($"gateways/{id}", Ct));
        bodies.Add(await client.GetStringAsync("gateways?include_inactive=true", Ct));
        bodies.Add(await (await client.PostAsync($"gateways/{id}/toggle?activate=false", null, Ct)).Content.ReadAsStringAsync(Ct));
        bodies.Add(await (await client.DeleteAsync($"gateways/{id}", Ct)).Content.ReadAsStringAsync(Ct));
        foreach (var body in bodies)
        {
            Assert.DoesNotContain(token, body, StringComparison.Ordinal);
            Assert.DoesNotContain(password, body, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(token, gateway.Host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(password, gateway.Host.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "gateways/no-such-peer")]
    [InlineData("PUT", "gateways/no-such-peer")]
    [InlineData("DELETE", "gateways/no-such-peer")]
    [InlineData("POST", "gateways/no-such-peer/toggle?activate=false")]
    [InlineData("POST", "gateways/no-such-peer/state")]
    public async Task Unknown_gateway_is_404(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "PUT")
        {
            request.Content = new StringContent("""{"description":"x"}""", System.Text.Encoding.UTF8, "application/json");
        }

        await (await client.SendAsync(request, Ct)).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("PUT", "gateways", "GET, POST")]
    [InlineData("POST", "gateways/any", "DELETE, GET, PUT")]
    [InlineData("DELETE", "gateways/any/state", "POST")]
    public async Task Other_methods_are_405_with_allow(string method, string path, string allow)
    {
        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Ct);
        await response.ExpectProblemAsync(HttpStatusCode.MethodNotAllowed);
        Assert.Equal(allow, string.Join(", ", response.Content.Headers.Allow));
    }
}
