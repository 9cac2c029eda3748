using McpGateway.ConformanceUpstream;
using ModelContextProtocol.AspNetCore;

// The reference upstream for federation tests. Streamable HTTP on --urls (MCP endpoint /mcp): sessions for clients
// that initialize (2025-11-25 and earlier), stateless for 2026-07-28. With --stdio it serves one client over
// stdin/stdout instead, as a gateway's stdio upstream. AllowedHosts (appsettings.json) keeps to loopback names,
// which is the DNS rebinding protection the suite asks of a local server without authentication.
const string StdioFlag = "--stdio";

if (args.Contains(StdioFlag))
{
    var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
    {
        Args = args.Where(arg => arg != StdioFlag).ToArray(),
        ContentRootPath = AppContext.BaseDirectory,
    });
    // stdout carries the protocol.
    builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
    builder.Services.AddConformanceUpstream().WithStdioServerTransport();
    await builder.Build().RunAsync();
}
else
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
    builder.Services.AddDistributedMemoryCache();
    builder.Services.AddConformanceUpstream()
        .WithHttpTransport(options => options.SessionMode = HttpServerSessionMode.StatefulForInitializeClients)
        // Lets a tool end its SSE stream mid-call and the client resume it with Last-Event-ID (SEP-1699).
        .WithDistributedCacheEventStreamStore();
    var app = builder.Build();
    app.MapMcp("/mcp");
    await app.RunAsync();
}
