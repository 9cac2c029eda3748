using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace McpGateway.Benchmarks;

/// <summary>The REST API behind the benchmarked tool: Kestrel on a free 127.0.0.1 port, POST /echo returns the JSON it was sent.</summary>
public sealed class EchoEndpoint : IAsyncDisposable
{
    private readonly WebApplication app;

    private EchoEndpoint(WebApplication app, Uri url)
    {
        this.app = app;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<EchoEndpoint> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapPost("/echo", (JsonElement body) => Results.Json(body));
        await app.StartAsync(cancellationToken);
        return new EchoEndpoint(app, new Uri(new Uri(app.Urls.Single()), "echo"));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
