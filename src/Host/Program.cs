using McpGateway.Host;
using Microsoft.Extensions.Options;

try
{
    return await GatewayHost.RunAsync(args);
}
catch (Exception ex) when (ex is OptionsValidationException or InvalidOperationException { Source: "Microsoft.Extensions.Configuration.Binder" })
{
    // A bad setting: say which, without a stack trace, and fail so orchestrators do not keep a broken instance.
    await Console.Error.WriteLineAsync($"McpGateway cannot start: {ex.Message}");
    return 1;
}

/// <summary>Entry point, visible to the end-to-end tests that start the host in-process.</summary>
public partial class Program;
