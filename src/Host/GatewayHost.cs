using McpGateway.Host.Events;
using McpGateway.Host.Logging;
using McpGateway.Host.Transports;
using McpGateway.Shared.Configuration;
using McpGateway.Shared.Observability.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace McpGateway.Host;

/// <summary>Builds and runs the container host: the gateway's HTTP surface on Kestrel, stdio mode, or the token command.</summary>
public static class GatewayHost
{
    public static async Task<int> RunAsync(string[] args)
    {
        var command = args.Length > 0 && args[0] is TokenCommand.Name or StdioCommand.Name ? args[0] : null;
        var builder = WebApplication.CreateSlimBuilder(command is null ? args : []);
        var isStdio = command == StdioCommand.Name
            || (command is null && (builder.Configuration.Get<TransportOptions>() ?? new TransportOptions()).ServesStdioOnly);
        builder.Services.AddOptions<ContainerHostOptions>().Bind(builder.Configuration).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddGatewayCore(builder.Configuration, "container");
        builder.Services.AddLongLivedTransports(builder.Configuration);
        builder.Services.AddEventsHub(builder.Configuration);
        if (command is null && !isStdio)
        {
            builder.Services.AddHostedService<FederationTimerService>();
            builder.Services.AddHostedService<MaintenanceTimerService>();
        }

        var hostSettings = builder.Configuration.Get<ContainerHostOptions>() ?? new ContainerHostOptions();
        builder.WebHost.UseUrls(hostSettings.Url);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = null); // MAX_REQUEST_BODY_SIZE is enforced per route
        builder.Logging.SetMinimumLevel(hostSettings.MinimumLogLevel).RedactSecrets().StackTracesAtDebug(hostSettings.MinimumLogLevel);
        if (isStdio)
        {
            // stdout is the MCP channel: a single log line there would break the client's framing.
            builder.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        }

        // Per-request chatter of the frameworks (about ten entries per tools/call) costs more CPU than it tells:
        // at INFO they speak up from Warning; LOG_LEVEL=DEBUG (or TRACE) shows them too.
        var level = hostSettings.MinimumLogLevel;
        var frameworkLevel = level <= LogLevel.Debug ? level : (LogLevel)Math.Max((int)level, (int)LogLevel.Warning);
        foreach (var category in new[] { "Microsoft.AspNetCore", "System.Net.Http.HttpClient", "ModelContextProtocol" })
        {
            builder.Logging.AddFilter(category, frameworkLevel);
        }

        var app = builder.Build();
        if (command == TokenCommand.Name)
        {
            return TokenCommand.Run(app.Services, args[1..], Console.Out, Console.Error);
        }

        if (isStdio)
        {
            // The web host never starts in stdio mode, so the settings are checked here rather than at start-up.
            app.Services.GetRequiredService<IStartupValidator>().Validate();
            return await StdioCommand.RunAsync(app.Services, command is null ? [] : args[1..], Console.Error).ConfigureAwait(false);
        }

        var rootPath = app.Services.GetRequiredService<IOptions<ApiOptions>>().Value.NormalizedRootPath;
        if (rootPath.Length > 0)
        {
            app.UsePathBase(rootPath);
        }

        app.UseEventsHubAuthentication();
        app.UseWebSockets();
        app.UseQueryTokenForWebSockets();
        app.UseRouting();
        app.MapGateway();
        app.MapLongLivedTransports(app.Services.GetRequiredService<IOptions<TransportOptions>>().Value);
        app.MapEventsHub();
        app.MapNotFound();
        await app.RunAsync().ConfigureAwait(false);
        return 0;
    }
}
