using System.Net;
using System.Net.Http.Headers;

namespace McpGateway.Host.Tests;

/// <summary>Settings are validated at start-up: a bad value stops the host with a message naming the setting.</summary>
public sealed class StartupSettingsTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("PORT", "not-a-port")]
    [InlineData("PORT", "70000")]
    [InlineData("JWT_SECRET_KEY", "too-short")]
    [InlineData("JWT_ALGORITHM", "RS256")]
    [InlineData("TOKEN_EXPIRY", "0")]
    [InlineData("MAX_REQUEST_BODY_SIZE", "12")]
    [InlineData("MAX_RESOURCE_SIZE", "-1")]
    [InlineData("PROMPT_RENDER_TIMEOUT", "zero")]
    [InlineData("ALLOWED_MIME_TYPES", "[\"text/plain\"")]
    [InlineData("APP_ROOT_PATH", "no-leading-slash")]
    [InlineData("STORAGE_PREFIX", "Bad_Prefix")]
    [InlineData("LOG_LEVEL", "LOUD")]
    [InlineData("AUTH_REQUIRED", "maybe")]
    [InlineData("TRANSPORT_TYPE", "grpc")]
    [InlineData("WEBSOCKET_PING_INTERVAL", "0")]
    [InlineData("SSE_RETRY_TIMEOUT", "0")]
    [InlineData("SSE_KEEPALIVE_INTERVAL", "0")]
    [InlineData("EVENT_RETENTION", "5")]
    [InlineData("AzureSignalRConnectionString", "Endpoint=nowhere;AccessKey=0123456789abcdef0123456789abcdef")]
    [InlineData("CatalogStorage", "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=not-base64!;TableEndpoint=http://127.0.0.1:9/a;BlobEndpoint=http://127.0.0.1:9/a")]
    [InlineData("CatalogStorage", "no-such-connection-string")]
    public async Task Bad_setting_stops_startup_naming_it(string setting, string value)
    {
        var settings = GatewayHostProcess.Settings(azurite.ConnectionString, "startup", FreePorts.Take(1)[0], new Dictionary<string, string?> { [setting] = value });
        await using var host = GatewayHostProcess.Start(settings);
        var exitCode = await host.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.NotEqual(0, exitCode);
        Assert.Contains(setting, host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", host.Output, StringComparison.Ordinal); // the clear line only; the trace is for LOG_LEVEL=DEBUG
    }

    [Fact]
    public async Task Token_command_mints_a_token_the_gateway_accepts()
    {
        var port = FreePorts.Take(1)[0];
        var settings = GatewayHostProcess.Settings(azurite.ConnectionString, "tokencmd", port);
        await using var command = GatewayHostProcess.Start(settings, "token", "-u", "alice", "-e", "5");
        Assert.Equal(0, await command.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        var token = command.Output.Trim().Split('\n')[^1].Trim();
        Assert.Equal(3, token.Split('.').Length);

        await using var host = await GatewayHostProcess.StartAsync(azurite.ConnectionString);
        using var client = host.CreateClient(new AuthenticationHeaderValue("Bearer", token));
        await (await client.GetAsync("tools", TestContext.Current.CancellationToken)).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Token_command_without_a_jwt_secret_explains_what_to_set()
    {
        var settings = GatewayHostProcess.Settings(azurite.ConnectionString, "tokencmd", FreePorts.Take(1)[0], new Dictionary<string, string?> { ["JWT_SECRET_KEY"] = null });
        await using var command = GatewayHostProcess.Start(settings, "token");
        Assert.NotEqual(0, await command.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("JWT_SECRET_KEY", command.Output, StringComparison.Ordinal);
    }
}
