using McpGateway.Host;
using McpGateway.Shared.Configuration;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateSlimBuilder(args.Where(a => a != TokenCommand.Name).ToArray());
builder.Services.AddOptions<ContainerHostOptions>().Bind(builder.Configuration).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddGatewayCore(builder.Configuration, "container");

var hostSettings = builder.Configuration.Get<ContainerHostOptions>() ?? new ContainerHostOptions();
builder.WebHost.UseUrls(hostSettings.Url);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = null); // MAX_REQUEST_BODY_SIZE is enforced per route
builder.Logging.SetMinimumLevel(hostSettings.MinimumLogLevel);

var app = builder.Build();

if (args.Length > 0 && args[0] == TokenCommand.Name)
{
    return TokenCommand.Run(app.Services, args[1..], Console.Out, Console.Error);
}

var rootPath = app.Services.GetRequiredService<IOptions<ApiOptions>>().Value.NormalizedRootPath;
if (rootPath.Length > 0)
{
    app.UsePathBase(rootPath);
}

app.UseRouting();
app.MapGateway();
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to the end-to-end tests that start the host in-process.</summary>
public partial class Program;
