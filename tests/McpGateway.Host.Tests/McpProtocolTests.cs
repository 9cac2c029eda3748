using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpGateway.Host.Tests;

/// <summary>The gateway as an MCP server, driven by the official C# SDK client in every protocol revision.</summary>
public sealed class McpProtocolTests(McpCatalogFixture gateway) : IClassFixture<McpCatalogFixture>
{
    public static TheoryData<string> Revisions() => new(["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25", "2026-07-28"]);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Revisions))]
    public async Task Negotiates_the_revision_and_reports_what_it_offers(string revision)
    {
        await using var client = await gateway.ConnectAsync(revision);
        Assert.Equal(revision, client.NegotiatedProtocolVersion);
        Assert.Equal("MCP Gateway", client.ServerInfo?.Name);
        Assert.NotNull(client.ServerCapabilities.Tools);
        Assert.NotNull(client.ServerCapabilities.Resources);
        Assert.NotNull(client.ServerCapabilities.Prompts);
        Assert.NotNull(client.ServerCapabilities.Completions);
    }

    [Theory]
    [MemberData(nameof(Revisions))]
    public async Task Lists_and_reads_text_and_binary_resources(string revision)
    {
        await using var client = await gateway.ConnectAsync(revision);
        var resources = await client.ListResourcesAsync(cancellationToken: Ct);
        Assert.Contains(resources, r => r.Uri == "config://app/settings" && r.MimeType == "text/plain");
        Assert.DoesNotContain(resources, r => r.Uri.Contains('{', StringComparison.Ordinal));

        var text = await client.ReadResourceAsync("config://app/settings", cancellationToken: Ct);
        Assert.Equal("key=value", Assert.IsType<TextResourceContents>(Assert.Single(text.Contents)).Text);

        var binary = await client.ReadResourceAsync("data://image/pixel", cancellationToken: Ct);
        var blob = Assert.IsType<BlobResourceContents>(Assert.Single(binary.Contents));
        Assert.Equal("image/png", blob.MimeType);
        Assert.Equal(Convert.FromBase64String("iVBORw0KGgo="), blob.DecodedData.ToArray());
    }

    [Theory]
    [MemberData(nameof(Revisions))]
    public async Task Resolves_resource_templates_and_completes_their_variables(string revision)
    {
        await using var client = await gateway.ConnectAsync(revision);
        var templates = await client.ListResourceTemplatesAsync(cancellationToken: Ct);
        Assert.Contains(templates, t => t.UriTemplate == "file:///logs/{date}.txt");

        var resolved = await client.ReadResourceAsync("file:///logs/2024-06-30.txt", cancellationToken: Ct);
        Assert.Equal("Log of 2024-06-30", Assert.IsType<TextResourceContents>(Assert.Single(resolved.Contents)).Text);

        var completion = await client.CompleteAsync(new ResourceTemplateReference { Uri = "file:///logs/{date}.txt" }, "date", "2024", cancellationToken: Ct);
        Assert.Equal(["2024-05-01"], completion.Completion.Values);
    }

    [Theory]
    [MemberData(nameof(Revisions))]
    public async Task Unknown_resource_is_an_error_of_the_revision(string revision)
    {
        await using var client = await gateway.ConnectAsync(revision);
        var error = await Assert.ThrowsAsync<McpProtocolException>(() => client.ReadResourceAsync("config://no/such", cancellationToken: Ct).AsTask());
        Assert.Equal(revision == "2026-07-28" ? McpErrorCode.InvalidParams : McpErrorCode.ResourceNotFound, error.ErrorCode);
    }

    [Theory]
    [MemberData(nameof(Revisions))]
    public async Task Lists_renders_and_completes_prompts(string revision)
    {
        await using var client = await gateway.ConnectAsync(revision);
        var prompts = await client.ListPromptsAsync(cancellationToken: Ct);
        var greet = Assert.Single(prompts, p => p.Name == "greet");
        Assert.True(Assert.Single(greet.ProtocolPrompt.Arguments!).Required);

        var result = await client.GetPromptAsync("greet", new Dictionary<string, object?> { ["user"] = "Alice" }, cancellationToken: Ct);
        var message = Assert.Single(result.Messages);
        Assert.Equal(Role.User, message.Role);
        Assert.Equal("Hello, Alice!", Assert.IsType<TextContentBlock>(message.Content).Text);

        var missing = await Assert.ThrowsAsync<McpProtocolException>(() => client.GetPromptAsync("greet", cancellationToken: Ct).AsTask());
        Assert.Equal(McpErrorCode.InvalidParams, missing.ErrorCode);
        Assert.Contains("user", missing.Message, StringComparison.Ordinal);

        var completion = await client.CompleteAsync(new PromptReference { Name = "greet" }, "user", "al", cancellationToken: Ct);
        Assert.Equal(["Albert", "Alice"], completion.Completion.Values);
    }

    [Theory]
    [MemberData(nameof(Revisions))]
    public async Task A_virtual_server_endpoint_offers_only_its_items(string revision)
    {
        await using var client = await gateway.ConnectAsync(revision, $"servers/{gateway.ServerId}/mcp");
        Assert.Equal(["config://app/settings"], (await client.ListResourcesAsync(cancellationToken: Ct)).Select(r => r.Uri));
        Assert.Equal(["greet"], (await client.ListPromptsAsync(cancellationToken: Ct)).Select(p => p.Name));
        Assert.Empty(await client.ListResourceTemplatesAsync(cancellationToken: Ct));
        await Assert.ThrowsAsync<McpProtocolException>(() => client.GetPromptAsync("hidden_prompt", cancellationToken: Ct).AsTask());
    }

    [Fact]
    public async Task Lists_page_with_opaque_cursors_that_cover_every_item_once()
    {
        using var rest = gateway.Host.CreateClient();
        for (var i = 0; i < 105; i++)
        {
            await (await rest.PostJsonAsync("prompts", $$"""{"name":"paged_{{i:D3}}","template":"page {{i}}"}""")).ExpectAsync(System.Net.HttpStatusCode.Created);
        }

        await using var client = await gateway.ConnectAsync("2026-07-28");
        var first = await client.ListPromptsAsync(new ListPromptsRequestParams(), Ct);
        Assert.Equal(100, first.Prompts.Count);
        Assert.NotNull(first.NextCursor);
        var second = await client.ListPromptsAsync(new ListPromptsRequestParams { Cursor = first.NextCursor }, Ct);
        Assert.Null(second.NextCursor);

        var names = first.Prompts.Concat(second.Prompts).Select(p => p.Name).Where(n => n.StartsWith("paged_", StringComparison.Ordinal)).ToList();
        Assert.Equal(105, names.Count);
        Assert.Equal(names.Distinct().Count(), names.Count);
    }

    [Theory]
    [InlineData("2024-11-05")]
    [InlineData("2025-06-18")]
    [InlineData("2025-11-25")]
    public async Task Sessions_ping_subscribe_and_set_the_log_level(string revision)
    {
        await using var client = await gateway.ConnectAsync(revision);
        await client.PingAsync(cancellationToken: Ct);
        await client.SubscribeToResourceAsync("config://app/settings", cancellationToken: Ct);
        await client.UnsubscribeFromResourceAsync("config://app/settings", cancellationToken: Ct);
        await client.SetLoggingLevelAsync(LoggingLevel.Warning, cancellationToken: Ct);
    }
}
