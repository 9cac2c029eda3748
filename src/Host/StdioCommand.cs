using System.Runtime.InteropServices;
using McpGateway.Shared.Configuration;
using McpGateway.Shared.Protocol;
using McpGateway.Shared.Storage;
using McpGateway.Host.Transports;
using McpGateway.Shared.Transports.StreamableHttp;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Server;

namespace McpGateway.Host;

/// <summary>
/// <c>McpGateway.Host stdio [--server id-or-name]</c>, or a start with TRANSPORT_TYPE=stdio: serves the catalog (or one
/// virtual server's items) to the local client that started the process, over stdin and stdout. Logs go to stderr,
/// so stdout carries nothing but MCP messages. The process ends when the client closes stdin.
/// </summary>
public static class StdioCommand
{
    public const string Name = "stdio";

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter error)
    {
        string? server = null;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] is "-s" or "--server" && i + 1 < args.Count)
            {
                server = args[++i];
                continue;
            }

            await error.WriteLineAsync($"Unknown or incomplete option '{args[i]}'. Usage: stdio [--server id-or-name]").ConfigureAwait(false);
            return 2;
        }

        using var stop = new CancellationTokenSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

        // A client that starts the gateway learns at once that storage is out of reach, rather than from every request.
        CatalogScope? scope;
        try
        {
            await services.GetRequiredService<CatalogStorage>().RoundTripAsync(stop.Token).ConfigureAwait(false);
            scope = await services.GetRequiredService<McpCatalog>().ScopeAsync(server, stop.Token).ConfigureAwait(false);
        }
        catch (StorageUnavailableException ex)
        {
            await error.WriteLineAsync($"McpGateway cannot serve stdio: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
        catch (Azure.RequestFailedException ex)
        {
            await error.WriteLineAsync($"McpGateway cannot serve stdio: storage answered {ex.Status} {ex.ErrorCode}.").ConfigureAwait(false);
            return 1;
        }

        if (scope is null)
        {
            await error.WriteLineAsync($"No enabled virtual server '{server}' exists.").ConfigureAwait(false);
            return 1;
        }

        var appName = services.GetRequiredService<IOptions<ApiOptions>>().Value.AppName;
        await using var transport = new StdioServerTransport(appName, services.GetRequiredService<ILoggerFactory>());
        await services.GetRequiredService<McpConnectionServer>().RunAsync(transport, new AdmittedConnection(scope, LastEventId: null), McpSessionStore.NewSessionId(), stop.Token).ConfigureAwait(false);
        return 0;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }
}
