using System.Text.Json;
using McpGateway.Shared.Auth;
using McpGateway.Shared.Catalog.Credentials;
using McpGateway.Shared.Catalog.Tools;
using McpGateway.Shared.Configuration;
using McpGateway.Shared.Upstreams.Outbound;
using McpGateway.Shared.Upstreams.Rest;
using McpGateway.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;

namespace McpGateway.Shared.Tests.Upstreams;

/// <summary>An upstream server and a <see cref="RestToolInvoker"/> registered as the gateway registers it, with quick retries and loopback allowed.</summary>
internal sealed class RestToolHarness : IAsyncDisposable
{
    /// <summary>Generous limits and a short backoff, so only the limit a test lowers comes into play.</summary>
    public static readonly RestPipelineSettings QuickSettings = new(TimeSpan.FromSeconds(10), MaxRetries: 3, RateLimitPerMinute: 10_000, ConcurrentLimit: 100)
    {
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        MinimumThroughput = 1000,
    };

    private readonly ServiceProvider services;

    private RestToolHarness(UpstreamServer server, ServiceProvider services)
    {
        Server = server;
        this.services = services;
        Invoker = services.GetRequiredService<RestToolInvoker>();
        Codec = services.GetRequiredService<AuthCodec>();
    }

    public UpstreamServer Server { get; }

    public RestToolInvoker Invoker { get; }

    public AuthCodec Codec { get; }

    public static async Task<RestToolHarness> StartAsync(RestPipelineSettings? settings = null)
    {
        var server = await UpstreamServer.StartAsync();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddSingleton(new AuthCodec(new SecretProtector(Options.Create(new AuthOptions { AuthEncryptionSecret = "rest-tool-tests" }))))
            .AddSingleton(new RestPipelineProvider(settings ?? QuickSettings, TimeProvider.System))
            .AddRestToolInvoker()
            .Configure<OutboundOptions>(options => options.AllowLocalhost = true)
            .BuildServiceProvider();
        return new RestToolHarness(server, services);
    }

    /// <summary>A REST tool calling <paramref name="pathAndQuery"/> on the upstream; each tool gets its own pipeline.</summary>
    public ToolRecord Tool(string requestType, string pathAndQuery, Func<ToolRecord, ToolRecord>? configure = null)
    {
        var now = DateTimeOffset.UtcNow;
        var tool = new ToolRecord
        {
            Id = Guid.NewGuid().ToString("N"),
            Name = "test_tool",
            Url = Server.Url(pathAndQuery),
            IntegrationType = ToolService.Rest,
            RequestType = requestType,
            InputSchema = Json("""{"type":"object"}"""),
            CreatedAt = now,
            UpdatedAt = now,
        };
        return configure is null ? tool : configure(tool);
    }

    public Task<CallToolResult> CallAsync(ToolRecord tool, string? argumentsJson = null, CancellationToken? cancellationToken = null) =>
        Invoker.InvokeAsync(
            tool,
            argumentsJson is null ? null : JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(argumentsJson),
            cancellationToken ?? TestContext.Current.CancellationToken);

    public static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    public static string Text(CallToolResult result) => Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await Server.DisposeAsync();
    }
}
