using McpGateway.Shared.Observability.Logging;
using McpGateway.Wrapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Client;
using ModelContextProtocol.Server;

// mcpgateway-wrapper: clients that only speak stdio use a remote gateway through this process.
var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { Args = args });
builder.Configuration.AddEnvironmentVariables();
builder.Services.AddOptions<WrapperOptions>().Bind(builder.Configuration).ValidateDataAnnotations().ValidateOnStart();
var logLevel = (builder.Configuration.Get<WrapperOptions>() ?? new WrapperOptions()).MinimumLogLevel;
builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace); // stdout carries MCP only
builder.Logging.SetMinimumLevel(logLevel).StackTracesAtDebug(logLevel);
using var app = builder.Build();

WrapperOptions settings;
try
{
    settings = app.Services.GetRequiredService<IOptions<WrapperOptions>>().Value;
}
catch (OptionsValidationException ex)
{
    await Console.Error.WriteLineAsync($"mcpgateway-wrapper cannot start: {ex.Message}");
    return 1;
}

var endpoint = settings.McpEndpoint();
var loggers = app.Services.GetRequiredService<ILoggerFactory>();
var logger = loggers.CreateLogger("McpGateway.Wrapper");
var headers = new Dictionary<string, string>();
if (!string.IsNullOrEmpty(settings.AuthToken))
{
    headers["Authorization"] = $"Bearer {settings.AuthToken}";
}

McpClient gateway;
try
{
    gateway = await McpClient.CreateAsync(
        new HttpClientTransport(new HttpClientTransportOptions { Endpoint = endpoint, AdditionalHeaders = headers, Name = "gateway" }, loggers),
        new McpClientOptions { ClientInfo = new() { Name = "mcpgateway-wrapper", Version = typeof(GatewayProxy).Assembly.GetName().Version?.ToString() ?? "1.0" } },
        loggers);
}
catch (Exception ex)
{
    // Never the token: only where the wrapper tried to go and why it could not.
    await Console.Error.WriteLineAsync($"mcpgateway-wrapper cannot reach the gateway at {endpoint}: {ex.Message}");
    return 1;
}

await using (gateway)
{
    logger.LogInformation("Forwarding stdio to {Endpoint}", endpoint);
    var proxy = new GatewayProxy(gateway, settings.ToolCallTimeout);
    await using var stdio = new StdioServerTransport("mcpgateway-wrapper", loggers);
    await using var server = McpServer.Create(stdio, proxy.ServerOptions(), loggers, app.Services);
    var forwarding = proxy.ForwardNotificationsTo(server);
    try
    {
        await server.RunAsync();
    }
    finally
    {
        foreach (var registration in forwarding)
        {
            await registration.DisposeAsync();
        }
    }
}

return 0;
