using McpGateway.Host.Events;
using McpGateway.Shared.Configuration;
using Microsoft.Extensions.Options;

namespace McpGateway.Host;

/// <summary>Builds and runs the container host: the gateway's HTTP surface on Kestrel, or the token command.</summary>
public static class GatewayHost
{
    public static async Task<int> RunAsync(string[] args)
    {
        var isTokenCommand = args.Length > 0 && args[0] == TokenCommand.Name;
        var builder = WebApplication.CreateSlimBuilder(isTokenCommand ? [] : args);
        builder.Services.AddOptions<ContainerHostOptions>().Bind(builder.Configuration).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddGatewayCore(builder.Configuration, "container");
        builder.Services.AddEventsHub(builder.Configuration);
        if (!isTokenCommand)
        {
            builder.Services.AddHostedService<FederationTimerService>();
        }

        var hostSettings = builder.Configuration.Get<ContainerHostOptions>() ?? new ContainerHostOptions();
        builder.WebHost.UseUrls(hostSettings.Url);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = null); // MAX_REQUEST_BODY_SIZE is enforced per route
        builder.Logging.SetMinimumLevel(hostSettings.MinimumLogLevel);

        // Per-request chatter of the frameworks (about ten entries per tools/call) costs more CPU than it tells:
        // at INFO they speak up from Warning; LOG_LEVEL=DEBUG (or TRACE) shows them too.
        var level = hostSettings.MinimumLogLevel;
        var frameworkLevel = level <= LogLevel.Debug ? level : (LogLevel)Math.Max((int)level, (int)LogLevel.Warning);
        foreach (var category in new[] { "Microsoft.AspNetCore", "System.Net.Http.HttpClient", "ModelContextProtocol" })
        {
            builder.Logging.AddFilter(category, frameworkLevel);
        }

        var app = builder.Build();
        if (isTokenCommand)
        {
            return TokenCommand.Run(app.Services, args[1..], Console.Out, Console.Error);
        }

        var rootPath = app.Services.GetRequiredService<IOptions<ApiOptions>>().Value.NormalizedRootPath;
        if (rootPath.Length > 0)
        {
            app.UsePathBase(rootPath);
        }

        app.UseEventsHubAuthentication();
        app.UseRouting();
        app.MapGateway();
        app.MapEventsHub();
        await app.RunAsync().ConfigureAwait(false);
        return 0;
    }
}
