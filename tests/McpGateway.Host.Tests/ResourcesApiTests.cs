using System.Net;
using System.Security.Cryptography;
using Azure.Storage.Blobs;

namespace McpGateway.Host.Tests;

/// <summary>/resources through the running host: the seed's curl examples, content reads, templates and errors.</summary>
public sealed class ResourcesApiTests(GatewayHostFixture gateway) : IClassFixture<GatewayHostFixture>
{
    private readonly HttpClient client = gateway.Host.CreateClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Seed_examples_register_read_update_and_delete_a_resource_by_raw_uri()
    {
        var created = await (await client.PostJsonAsync("resources", """
            {
              "uri":"config://app/settings",
              "name":"App Settings",
              "content":"key=value"
            }
            """)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("config://app/settings", created["uri"]!.GetValue<string>());
        Assert.Equal("App Settings", created["name"]!.GetValue<string>());
        Assert.Equal("text/plain", created["mimeType"]!.GetValue<string>());
        Assert.Equal(9, created["size"]!.GetValue<long>());
        Assert.Null(created["content"]);
        var id = created["id"]!.GetValue<string>();

        var list = (await (await client.GetAsync("resources", Ct)).ExpectAsync(HttpStatusCode.OK)).AsArray();
        Assert.Contains(list, r => r!["uri"]!.GetValue<string>() == "config://app/settings");

        var content = await (await client.GetAsync("resources/config://app/settings", Ct)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("resource", content["type"]!.GetValue<string>());
        Assert.Equal("config://app/settings", content["uri"]!.GetValue<string>());
        Assert.Equal("text/plain", content["mimeType"]!.GetValue<string>());
        Assert.Equal("key=value", content["text"]!.GetValue<string>());
        Assert.Null(content["blob"]);

        var updated = await (await client.PutJsonAsync("resources/config://app/settings", """{"content":"new=value"}""")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(id, updated["id"]!.GetValue<string>());
        Assert.Equal("App Settings", updated["name"]!.GetValue<string>());
        var reread = await (await client.GetAsync("resources/config://app/settings", Ct)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("new=value", reread["text"]!.GetValue<string>());

        var deleted = await (await client.DeleteAsync("resources/config://app/settings", Ct)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("success", deleted["status"]!.GetValue<string>());
        await (await client.GetAsync("resources/config://app/settings", Ct)).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync($"resources/{id}/info", Ct)).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_resource_is_addressed_by_id_or_encoded_uri_and_info_returns_metadata_with_read_metrics()
    {
        const string uri = "docs://guides/intro.md";
        var created = await (await client.PostJsonAsync("resources", """
            {"resource": {"uri":"docs://guides/intro.md","name":"Intro","description":"Getting started","content":"# Intro","tags":["Docs"]}}
            """)).ExpectAsync(HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();
        Assert.Equal("text/markdown", created["mimeType"]!.GetValue<string>());
        Assert.Equal(new[] { "docs" }, created["tags"]!.AsArray().Select(t => t!.GetValue<string>()));

        var byId = await (await client.GetAsync($"resources/{id}", Ct)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("# Intro", byId["text"]!.GetValue<string>());
        var byEncodedUri = await (await client.GetAsync($"resources/{Uri.EscapeDataString(uri)}", Ct)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(id, byEncodedUri["id"]!.GetValue<string>());

        var info = await (await client.GetAsync($"resources/{Uri.EscapeDataString(uri)}/info", Ct)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(id, info["id"]!.GetValue<string>());
        Assert.Equal("Getting started", info["description"]!.GetValue<string>());
        Assert.Equal(7, info["size"]!.GetValue<long>());
        Assert.Null(info["text"]);
        Assert.Equal(2, info["metrics"]!["totalExecutions"]!.GetValue<int>());
        Assert.Equal(2, info["metrics"]!["successfulExecutions"]!.GetValue<int>());

        var byTag = (await (await client.GetAsync("resources?tags=docs", Ct)).ExpectAsync(HttpStatusCode.OK)).AsArray();
        Assert.Single(byTag, r => r!["id"]!.GetValue<string>() == id);

        var renamed = await (await client.PutJsonAsync($"resources/{id}", """{"uri":"docs://guides/start.md","mime_type":"text/x-markdown"}"""))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("text/x-markdown", renamed["mimeType"]!.GetValue<string>());
        await (await client.GetAsync($"resources/{Uri.EscapeDataString(uri)}", Ct)).ExpectProblemAsync(HttpStatusCode.NotFound);
        var moved = await (await client.GetAsync("resources/docs://guides/start.md", Ct)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("# Intro", moved["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Binary_content_round_trips_as_base64_with_its_detected_type()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0xFF, 0x10, 0x80];
        var created = await (await client.PostJsonAsync("resources", ApiClientExtensions.Json(new
        {
            uri = "file:///images/logo.png",
            name = "Logo",
            blob = Convert.ToBase64String(png),
        }))).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("image/png", created["mimeType"]!.GetValue<string>());
        Assert.Equal(png.Length, created["size"]!.GetValue<long>());

        var content = await (await client.GetAsync("resources/file:///images/logo.png", Ct)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("image/png", content["mimeType"]!.GetValue<string>());
        Assert.Equal(png, Convert.FromBase64String(content["blob"]!.GetValue<string>()));
        Assert.Null(content["text"]);

        var untyped = await (await client.PostJsonAsync("resources", ApiClientExtensions.Json(new
        {
            uri = "data://raw/sample",
            name = "Raw sample",
            blob = Convert.ToBase64String(png),
        }))).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("application/octet-stream", untyped["mimeType"]!.GetValue<string>());
    }

    [Fact]
    public async Task Content_over_64_KiB_is_kept_in_blob_storage_and_round_trips()
    {
        var text = string.Concat(Enumerable.Range(0, 100 * 1024 / 16).Select(i => $"line {i:D10}\n"));
        var before = await ContentBlobNamesAsync();

        var created = await (await client.PostJsonAsync("resources", ApiClientExtensions.Json(new
        {
            uri = "file:///var/log/big.log",
            name = "Big log",
            mime_type = "text/plain; charset=utf-8",
            content = text,
        }))).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(text.Length, created["size"]!.GetValue<long>());
        var added = (await ContentBlobNamesAsync()).Except(before).ToList();
        Assert.Single(added);

        var content = await (await client.GetAsync("resources/file:///var/log/big.log", Ct)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(text, content["text"]!.GetValue<string>());
        Assert.Equal("text/plain; charset=utf-8", content["mimeType"]!.GetValue<string>());

        var binary = RandomNumberGenerator.GetBytes(80 * 1024);
        await (await client.PutJsonAsync("resources/file:///var/log/big.log", ApiClientExtensions.Json(new { blob = Convert.ToBase64String(binary) })))
            .ExpectAsync(HttpStatusCode.OK);
        var replaced = (await ContentBlobNamesAsync()).Except(before).ToList();
        Assert.Single(replaced);
        Assert.NotEqual(added[0], replaced[0]);
        var binaryContent = await (await client.GetAsync("resources/file:///var/log/big.log", Ct)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(binary, Convert.FromBase64String(binaryContent["blob"]!.GetValue<string>()));

        await (await client.DeleteAsync("resources/file:///var/log/big.log", Ct)).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty((await ContentBlobNamesAsync()).Except(before));
    }

    [Fact]
    public async Task Toggle_and_state_switch_a_resource_and_an_inactive_one_cannot_be_read()
    {
        var created = await (await client.PostJsonAsync("resources", """{"uri":"config://toggle/me","name":"Toggled","content":"on"}"""))
            .ExpectAsync(HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();

        var toggled = await (await client.PostAsync($"resources/{id}/toggle?activate=false", null, Ct)).ExpectAsync(HttpStatusCode.OK);
        Assert.False(toggled["resource"]!["enabled"]!.GetValue<bool>());
        await (await client.GetAsync("resources/config://toggle/me", Ct)).ExpectProblemAsync(HttpStatusCode.NotFound);
        var active = (await (await client.GetAsync("resources", Ct)).ExpectAsync(HttpStatusCode.OK)).AsArray();
        Assert.DoesNotContain(active, r => r!["id"]!.GetValue<string>() == id);
        var all = (await (await client.GetAsync("resources?include_inactive=true", Ct)).ExpectAsync(HttpStatusCode.OK)).AsArray();
        Assert.Contains(all, r => r!["id"]!.GetValue<string>() == id);

        var state = await (await client.PostAsync($"resources/{Uri.EscapeDataString("config://toggle/me")}/state?activate=true", null, Ct))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.True(state["resource"]!["enabled"]!.GetValue<bool>());
        await (await client.GetAsync("resources/config://toggle/me", Ct)).ExpectAsync(HttpStatusCode.OK);

        var info = await (await client.GetAsync($"resources/{id}/info", Ct)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, info["metrics"]!["totalExecutions"]!.GetValue<int>());
        Assert.Equal(1, info["metrics"]!["failedExecutions"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_template_cannot_be_read_directly_and_takes_only_text_content()
    {
        var created = await (await client.PostJsonAsync("resources", """{"uri":"file:///logs/{date}.txt","name":"Daily logs"}"""))
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("file:///logs/{date}.txt", created["uriTemplate"]!.GetValue<string>());
        Assert.Equal("text/plain", created["mimeType"]!.GetValue<string>());
        Assert.Null(created["size"]);
        var id = created["id"]!.GetValue<string>();

        await (await client.GetAsync($"resources/{id}", Ct)).ExpectProblemAsync(HttpStatusCode.BadRequest);
        var explicitTemplate = await (await client.PostJsonAsync("resources", """
            {"uri":"api://reports","uri_template":"api://reports/{year}/{month}{?format}","name":"Reports"}
            """)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("api://reports/{year}/{month}{?format}", explicitTemplate["uriTemplate"]!.GetValue<string>());
        Assert.Null(explicitTemplate["mimeType"]);

        var withText = await (await client.PutJsonAsync($"resources/{id}", """{"content":"Log of {date}"}""")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Log of {date}".Length, withText["size"]!.GetValue<int>());
        var problem = await (await client.PutJsonAsync($"resources/{id}", """{"blob":"YQ=="}""")).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("blob", problem["field"]!.GetValue<string>());
        var concrete = await (await client.PutJsonAsync($"resources/{id}", """{"uri":"file:///logs/today.txt"}""")).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("uri", concrete["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_resource_is_404_on_every_item_route()
    {
        await (await client.GetAsync("resources/config://missing/item", Ct)).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync("resources/0123456789abcdef0123456789abcdef/info", Ct)).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await client.PutJsonAsync("resources/config://missing/item", """{"content":"x"}""")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await client.DeleteAsync("resources/config://missing/item", Ct)).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await client.PostAsync("resources/missing/toggle?activate=false", null, Ct)).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Duplicate_uri_is_409_naming_the_field()
    {
        const string body = """{"uri":"config://dup/one","name":"Dup","content":"a"}""";
        await (await client.PostJsonAsync("resources", body)).ExpectAsync(HttpStatusCode.Created);
        var problem = await (await client.PostJsonAsync("resources", """{"uri":"config://dup/one","name":"Other","content":"b"}"""))
            .ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("uri", problem["field"]!.GetValue<string>());

        var other = await (await client.PostJsonAsync("resources", """{"uri":"config://dup/two","name":"Dup","content":"c"}""")).ExpectAsync(HttpStatusCode.Created);
        await (await client.PutJsonAsync($"resources/{other["id"]!.GetValue<string>()}", """{"uri":"config://dup/one"}"""))
            .ExpectProblemAsync(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("""{"uri":"config://bad/blob","name":"Bad","blob":"not base64!"}""", "blob")]
    [InlineData("""{"uri":"config://bad/both","name":"Bad","content":"a","blob":"YQ=="}""", "blob")]
    [InlineData("""{"uri":"config://bad/none","name":"Bad"}""", "content")]
    [InlineData("""{"uri":"not a uri","name":"Bad","content":"a"}""", "uri")]
    [InlineData("""{"uri":"/etc/passwd","name":"Bad","content":"a"}""", "uri")]
    [InlineData("""{"uri":"file:///logs/{date.txt","name":"Bad"}""", "uri")]
    [InlineData("""{"uri":"api://x","uri_template":"api://x/{a b}","name":"Bad"}""", "uri_template")]
    [InlineData("""{"uri":"file:///logs/{date}.txt","name":"Bad","blob":"YQ=="}""", "blob")]
    [InlineData("""{"uri":"config://bad/mime","name":"Bad","content":"a","mime_type":"notamime"}""", "mime_type")]
    [InlineData("""{"uri":"config://bad/mime2","name":"Bad","content":"a","mimeType":"text/*"}""", "mime_type")]
    [InlineData("""{"uri":"config://bad/name","content":"a"}""", "name")]
    [InlineData("""{"uri":"config://bad/content","name":"Bad","content":{"a":1}}""", "content")]
    public async Task Invalid_body_is_422_naming_the_field(string body, string field)
    {
        var problem = await (await client.PostJsonAsync("resources", body)).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(field, problem["field"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("PATCH", "resources")]
    [InlineData("PUT", "resources")]
    [InlineData("PATCH", "resources/config://app/settings")]
    [InlineData("POST", "resources/0123456789abcdef0123456789abcdef/info")]
    [InlineData("GET", "resources/0123456789abcdef0123456789abcdef/toggle")]
    public async Task Unsupported_method_is_405_with_allow(string method, string path)
    {
        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Ct);
        await response.ExpectProblemAsync(HttpStatusCode.MethodNotAllowed);
        Assert.NotEmpty(response.Content.Headers.Allow);
    }

    private async Task<IReadOnlyList<string>> ContentBlobNamesAsync()
    {
        var container = new BlobContainerClient(gateway.Storage.ConnectionString, $"{gateway.Host.StoragePrefix}-catalog");
        var names = new List<string>();
        if (!await container.ExistsAsync(Ct))
        {
            return names; // The gateway creates its container on first use.
        }

        await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, "resources/", Ct))
        {
            names.Add(blob.Name);
        }

        return names;
    }
}

/// <summary>/resources under tight MAX_RESOURCE_SIZE and ALLOWED_MIME_TYPES settings.</summary>
public sealed class ResourceLimitsApiTests(ResourceLimitsApiTests.LimitedGatewayFixture gateway) : IClassFixture<ResourceLimitsApiTests.LimitedGatewayFixture>
{
    public const int MaxResourceSize = 1024;

    private readonly HttpClient client = gateway.Host.CreateClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Content_over_MAX_RESOURCE_SIZE_is_413_naming_the_limit()
    {
        await (await client.PostJsonAsync("resources", ApiClientExtensions.Json(new { uri = "config://limit/exact", name = "Exact", content = new string('a', MaxResourceSize) })))
            .ExpectAsync(HttpStatusCode.Created);

        var tooLong = await (await client.PostJsonAsync("resources", ApiClientExtensions.Json(new { uri = "config://limit/text", name = "Text", content = new string('a', MaxResourceSize + 1) })))
            .ExpectProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("MAX_RESOURCE_SIZE", tooLong["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var blob = Convert.ToBase64String(new byte[MaxResourceSize + 1]);
        await (await client.PostJsonAsync("resources", ApiClientExtensions.Json(new { uri = "config://limit/blob", name = "Blob", blob })))
            .ExpectProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        var update = await (await client.PutJsonAsync("resources/config://limit/exact", ApiClientExtensions.Json(new { content = new string('b', MaxResourceSize + 1) })))
            .ExpectProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("MAX_RESOURCE_SIZE", update["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var unchanged = await (await client.GetAsync("resources/config://limit/exact", Ct)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(new string('a', MaxResourceSize), unchanged["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Types_outside_ALLOWED_MIME_TYPES_are_422()
    {
        var explicitType = await (await client.PostJsonAsync("resources", """{"uri":"config://mime/a","name":"A","content":"{}","mime_type":"application/json"}"""))
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("mime_type", explicitType["field"]!.GetValue<string>());
        Assert.Contains("ALLOWED_MIME_TYPES", explicitType["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        await (await client.PostJsonAsync("resources", """{"uri":"file:///data/a.json","name":"A","content":"{}"}"""))
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await client.PostJsonAsync("resources", """{"uri":"file:///data/a.png","name":"A","blob":"iVBORw=="}"""))
            .ExpectAsync(HttpStatusCode.Created);
        await (await client.PostJsonAsync("resources", """{"uri":"config://mime/b","name":"B","content":"b"}"""))
            .ExpectAsync(HttpStatusCode.Created);
        await (await client.PutJsonAsync("resources/config://mime/b", """{"mime_type":"application/xml"}"""))
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    /// <summary>A gateway whose resources may hold at most 1 KiB of plain text or images.</summary>
    public sealed class LimitedGatewayFixture(AzuriteFixture azurite) : GatewayHostFixture(azurite)
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["MAX_RESOURCE_SIZE"] = MaxResourceSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ALLOWED_MIME_TYPES"] = """["text/plain","image/*"]""",
        };
    }
}
