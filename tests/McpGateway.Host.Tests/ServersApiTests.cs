using System.Net;
using System.Text.Json.Nodes;

namespace McpGateway.Host.Tests;

/// <summary>/servers through the running host: the seed's curl examples, associations and their errors.</summary>
public sealed class ServersApiTests(GatewayHostFixture gateway) : IClassFixture<GatewayHostFixture>
{
    private readonly HttpClient client = gateway.Host.CreateClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Seed_examples_create_get_update_toggle_and_delete_a_server()
    {
        var created = await (await client.PostJsonAsync("servers", """{"name":"db","description":"Database"}""")).ExpectAsync(HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();
        Assert.Equal("db", created["name"]!.GetValue<string>());
        Assert.Equal("Database", created["description"]!.GetValue<string>());
        Assert.Empty(created["associatedTools"]!.AsArray());
        Assert.Empty(created["associatedResources"]!.AsArray());
        Assert.Empty(created["associatedPrompts"]!.AsArray());
        Assert.True(created["enabled"]!.GetValue<bool>());
        Assert.Null(created["icon"]);
        Assert.Equal(0, created["metrics"]!["totalExecutions"]!.GetValue<int>());
        Assert.NotNull(created["createdAt"]);

        var list = (await (await client.GetAsync("servers", Ct)).ExpectAsync(HttpStatusCode.OK)).AsArray();
        Assert.Contains(list, s => s!["id"]!.GetValue<string>() == id);
        var byId = await (await client.GetAsync($"servers/{id}", Ct)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("db", byId["name"]!.GetValue<string>());
        var byName = await (await client.GetAsync("servers/db", Ct)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(id, byName["id"]!.GetValue<string>());

        var updated = await (await client.PutJsonAsync($"servers/{id}", """{"description":"Updated"}""")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Updated", updated["description"]!.GetValue<string>());
        Assert.Equal("db", updated["name"]!.GetValue<string>());

        var toggled = await (await client.PostAsync($"servers/{id}/toggle?activate=false", null, Ct)).ExpectAsync(HttpStatusCode.OK);
        Assert.False(toggled["server"]!["enabled"]!.GetValue<bool>());
        var active = (await (await client.GetAsync("servers", Ct)).ExpectAsync(HttpStatusCode.OK)).AsArray();
        Assert.DoesNotContain(active, s => s!["id"]!.GetValue<string>() == id);
        var all = (await (await client.GetAsync("servers?include_inactive=true", Ct)).ExpectAsync(HttpStatusCode.OK)).AsArray();
        Assert.Contains(all, s => s!["id"]!.GetValue<string>() == id);
        var state = await (await client.PostAsync($"servers/{id}/state?activate=true", null, Ct)).ExpectAsync(HttpStatusCode.OK);
        Assert.True(state["server"]!["enabled"]!.GetValue<bool>());

        await (await client.DeleteAsync($"servers/{id}", Ct)).ExpectAsync(HttpStatusCode.OK);
        await (await client.GetAsync($"servers/{id}", Ct)).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Duplicate_name_is_409_on_create_and_on_rename()
    {
        await (await client.PostJsonAsync("servers", """{"name":"dup_server"}""")).ExpectAsync(HttpStatusCode.Created);
        var problem = await (await client.PostJsonAsync("servers", """{"name":"dup_server"}""")).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("name", problem["field"]!.GetValue<string>());

        var other = await (await client.PostJsonAsync("servers", """{"name":"other_server"}""")).ExpectAsync(HttpStatusCode.Created);
        var rename = await (await client.PutJsonAsync($"servers/{other["id"]}", """{"name":"dup_server"}""")).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("name", rename["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Tools_are_associated_by_id_or_name_and_listed_as_the_tools_list_shows_them()
    {
        var first = await CreateToolAsync("assoc_first");
        var second = await CreateToolAsync("assoc/second,with comma");
        var firstId = first["id"]!.GetValue<string>();
        var secondId = second["id"]!.GetValue<string>();

        var server = await (await client.PostJsonAsync("servers", ApiClientExtensions.Json(new
        {
            name = "bundle",
            associated_tools = new[] { "assoc/second,with comma", "assoc_first", firstId, secondId },
        }))).ExpectAsync(HttpStatusCode.Created);
        var serverId = server["id"]!.GetValue<string>();
        Assert.Equal(new[] { secondId, firstId }, Ids(server["associatedTools"]!));

        var tools = (await (await client.GetAsync($"servers/{serverId}/tools", Ct)).ExpectAsync(HttpStatusCode.OK)).AsArray();
        Assert.Equal(new[] { secondId, firstId }, tools.Select(t => t!["id"]!.GetValue<string>()));
        var listed = (await (await client.GetAsync("tools", Ct)).ExpectAsync(HttpStatusCode.OK)).AsArray();
        Assert.True(JsonNode.DeepEquals(listed.Single(t => t!["id"]!.GetValue<string>() == firstId), tools[1]));

        await (await client.PostAsync($"tools/{firstId}/toggle?activate=false", null, Ct)).ExpectAsync(HttpStatusCode.OK);
        var activeTools = (await (await client.GetAsync($"servers/{serverId}/tools", Ct)).ExpectAsync(HttpStatusCode.OK)).AsArray();
        Assert.Equal(new[] { secondId }, activeTools.Select(t => t!["id"]!.GetValue<string>()));
        var allTools = (await (await client.GetAsync($"servers/{serverId}/tools?include_inactive=true", Ct)).ExpectAsync(HttpStatusCode.OK)).AsArray();
        Assert.Equal(2, allTools.Count);

        var firstPage = await client.GetAsync($"servers/{serverId}/tools?include_inactive=true&limit=1", Ct);
        Assert.Single((await firstPage.ExpectAsync(HttpStatusCode.OK)).AsArray());
        var cursor = firstPage.Headers.GetValues("X-Next-Cursor").Single();
        var secondPage = (await (await client.GetAsync($"servers/{serverId}/tools?include_inactive=true&limit=1&cursor={cursor}", Ct))
            .ExpectAsync(HttpStatusCode.OK)).AsArray();
        Assert.Equal(firstId, secondPage.Single()!["id"]!.GetValue<string>());

        var resources = (await (await client.GetAsync($"servers/{serverId}/resources", Ct)).ExpectAsync(HttpStatusCode.OK)).AsArray();
        Assert.Empty(resources);
        var prompts = (await (await client.GetAsync($"servers/{serverId}/prompts", Ct)).ExpectAsync(HttpStatusCode.OK)).AsArray();
        Assert.Empty(prompts);
    }

    [Fact]
    public async Task Resources_and_prompts_are_associated_by_id_uri_or_name_and_listed()
    {
        var resource = await (await client.PostJsonAsync("resources", """{"uri":"config://server/bundle","name":"Bundle settings","content":"a=1"}"""))
            .ExpectAsync(HttpStatusCode.Created);
        var prompt = await (await client.PostJsonAsync("prompts", """{"name":"bundle_prompt","template":"Hi {{ who }}"}"""))
            .ExpectAsync(HttpStatusCode.Created);

        var server = await (await client.PostJsonAsync("servers", """
            {"name":"full_bundle","associated_resources":["config://server/bundle"],"associated_prompts":["bundle_prompt"]}
            """)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(new[] { resource["id"]!.GetValue<string>() }, Ids(server["associatedResources"]!));
        Assert.Equal(new[] { prompt["id"]!.GetValue<string>() }, Ids(server["associatedPrompts"]!));

        var resources = (await (await client.GetAsync($"servers/{server["id"]}/resources", Ct)).ExpectAsync(HttpStatusCode.OK)).AsArray();
        Assert.Equal("config://server/bundle", Assert.Single(resources)!["uri"]!.GetValue<string>());
        var prompts = (await (await client.GetAsync($"servers/{server["id"]}/prompts", Ct)).ExpectAsync(HttpStatusCode.OK)).AsArray();
        Assert.Equal("bundle_prompt", Assert.Single(prompts)!["name"]!.GetValue<string>());

        var problem = await (await client.PostJsonAsync("servers", """{"name":"bad_bundle","associated_prompts":["no_such_prompt"]}"""))
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("associated_prompts", problem["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Associations_accept_a_comma_separated_string_and_a_wrapped_camel_case_body()
    {
        var tool = await CreateToolAsync("csv_tool");
        var toolId = tool["id"]!.GetValue<string>();
        var server = await (await client.PostJsonAsync("servers", $$$"""
            {"server": {"name":"wrapped_server","associatedTools":" csv_tool , {{{toolId}}} ","tags":["Data"]}}
            """)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(new[] { toolId }, Ids(server["associatedTools"]!));
        Assert.Equal(new[] { "data" }, server["tags"]!.AsArray().Select(t => t!.GetValue<string>()));

        var cleared = await (await client.PutJsonAsync($"servers/{server["id"]}", """{"associated_tools":[]}""")).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(cleared["associatedTools"]!.AsArray());
        Assert.Empty((await (await client.GetAsync($"servers/{server["id"]}/tools", Ct)).ExpectAsync(HttpStatusCode.OK)).AsArray());
    }

    [Fact]
    public async Task An_update_that_does_not_name_associations_keeps_them()
    {
        var tool = await CreateToolAsync("kept_tool");
        var server = await (await client.PostJsonAsync("servers", """{"name":"keeps","associated_tools":["kept_tool"]}""")).ExpectAsync(HttpStatusCode.Created);
        var updated = await (await client.PutJsonAsync($"servers/{server["id"]}", """{"name":"keeps_renamed"}""")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(new[] { tool["id"]!.GetValue<string>() }, Ids(updated["associatedTools"]!));
    }

    [Theory]
    [InlineData("""{"name":"unknown_tool_server","associated_tools":["no-such-tool"]}""", "associated_tools", "no-such-tool")]
    [InlineData("""{"name":"unknown_resource_server","associated_resources":"config://app/settings"}""", "associated_resources", "config://app/settings")]
    [InlineData("""{"name":"unknown_prompt_server","associated_prompts":["greet"]}""", "associated_prompts", "greet")]
    public async Task Unknown_associated_item_is_422_naming_the_field_and_the_id(string body, string field, string unknown)
    {
        var problem = await (await client.PostJsonAsync("servers", body)).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(field, problem["field"]!.GetValue<string>());
        Assert.Contains($"'{unknown}'", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_associated_item_on_update_is_422_and_changes_nothing()
    {
        var tool = await CreateToolAsync("update_tool");
        var server = await (await client.PostJsonAsync("servers", """{"name":"update_server","associated_tools":["update_tool"]}""")).ExpectAsync(HttpStatusCode.Created);
        var problem = await (await client.PutJsonAsync($"servers/{server["id"]}", """{"description":"x","associated_tools":["update_tool","missing"]}"""))
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("associated_tools", problem["field"]!.GetValue<string>());
        var current = await (await client.GetAsync($"servers/{server["id"]}", Ct)).ExpectAsync(HttpStatusCode.OK);
        Assert.Null(current["description"]);
        Assert.Equal(new[] { tool["id"]!.GetValue<string>() }, Ids(current["associatedTools"]!));
    }

    [Theory]
    [InlineData("https://example.com/icons/db.png")]
    [InlineData("data:image/png;base64,iVBORw0KGgo=")]
    [InlineData("data:image/svg+xml,%3Csvg%20xmlns='http://www.w3.org/2000/svg'/%3E")]
    public async Task Icon_may_be_an_http_url_or_an_image_data_uri(string icon)
    {
        var created = await (await client.PostJsonAsync("servers", ApiClientExtensions.Json(new { name = "icon " + icon[..12] + icon.Length, icon })))
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(icon, created["icon"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"description":"no name"}""", "name")]
    [InlineData("""{"name":"bad_icon_1","icon":"ftp://example.com/i.png"}""", "icon")]
    [InlineData("""{"name":"bad_icon_2","icon":"javascript:alert(1)"}""", "icon")]
    [InlineData("""{"name":"bad_icon_3","icon":"data:text/html,<script>alert(1)</script>"}""", "icon")]
    [InlineData("""{"name":"bad_icon_4","icon":"data:image/png;base64,not base64!"}""", "icon")]
    [InlineData("""{"name":"bad_icon_5","icon":"/relative.png"}""", "icon")]
    [InlineData("""{"name":"bad_tags","tags":"notalist"}""", "tags")]
    [InlineData("""{"name":"bad_assoc","associated_tools":{"id":"x"}}""", "associatedTools")]
    public async Task Invalid_body_is_422_naming_the_field(string body, string field)
    {
        var problem = await (await client.PostJsonAsync("servers", body)).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(field, problem["field"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("GET", "servers/no-such-server")]
    [InlineData("PUT", "servers/no-such-server")]
    [InlineData("DELETE", "servers/no-such-server")]
    [InlineData("POST", "servers/no-such-server/toggle?activate=false")]
    [InlineData("POST", "servers/no-such-server/state")]
    [InlineData("GET", "servers/no-such-server/tools")]
    [InlineData("GET", "servers/no-such-server/resources")]
    [InlineData("GET", "servers/no-such-server/prompts")]
    public async Task Unknown_server_is_404(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "PUT")
        {
            request.Content = new StringContent("""{"description":"x"}""", System.Text.Encoding.UTF8, "application/json");
        }

        await (await client.SendAsync(request, Ct)).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("DELETE", "servers", "GET, POST")]
    [InlineData("PATCH", "servers/any", "DELETE, GET, PUT")]
    [InlineData("GET", "servers/any/toggle", "POST")]
    [InlineData("POST", "servers/any/tools", "GET")]
    public async Task Other_methods_are_405_with_allow(string method, string path, string allow)
    {
        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Ct);
        await response.ExpectProblemAsync(HttpStatusCode.MethodNotAllowed);
        Assert.Equal(allow, string.Join(", ", response.Content.Headers.Allow));
    }

    [Fact]
    public async Task Lists_paginate_and_filter_by_tag()
    {
        for (var i = 0; i < 3; i++)
        {
            await (await client.PostJsonAsync("servers", $$"""{"name":"page_server_{{i}}","tags":["paging"]}""")).ExpectAsync(HttpStatusCode.Created);
        }

        var response = await client.GetAsync("servers?tags=paging&limit=2&include_pagination=true", Ct);
        var page = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(new[] { "page_server_0", "page_server_1" }, page["items"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()));
        var next = (await (await client.GetAsync($"servers?tags=paging&limit=2&cursor={page["nextCursor"]}", Ct)).ExpectAsync(HttpStatusCode.OK)).AsArray();
        Assert.Equal("page_server_2", next.Single()!["name"]!.GetValue<string>());
    }

    private async Task<JsonNode> CreateToolAsync(string name) =>
        await (await client.PostJsonAsync("tools", ApiClientExtensions.Json(new { name, url = "http://127.0.0.1:1/x" }))).ExpectAsync(HttpStatusCode.Created);

    private static string[] Ids(JsonNode array) => array.AsArray().Select(i => i!.GetValue<string>()).ToArray();
}
