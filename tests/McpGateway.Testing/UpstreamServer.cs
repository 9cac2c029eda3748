using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Xunit;

namespace McpGateway.Testing;

/// <summary>A request the upstream received; <see cref="RawTarget"/> is the path and query exactly as sent.</summary>
public sealed record RecordedRequest(string Method, string Path, string RawTarget, IReadOnlyDictionary<string, string[]> Query, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>How the upstream answers one request.</summary>
public sealed record UpstreamAnswer(int Status = 200, string Body = "", string ContentType = "application/json")
{
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Waited before answering (cut short when the client goes away).</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Awaited before answering, so a test can hold requests in flight.</summary>
    public Task? Gate { get; init; }
}

/// <summary>
/// A real HTTP server on 127.0.0.1 and a free port standing in for a REST API: it records every request and
/// answers with the scripted answers in turn, repeating the last one.
/// </summary>
public sealed class UpstreamServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<RecordedRequest> requests = new();
    private readonly object scriptLock = new();
    private UpstreamAnswer[] script = [new()];
    private int answered;
    private int abandoned;

    private UpstreamServer(WebApplication app)
    {
        this.app = app;
        app.Run(HandleAsync);
    }

    public Uri BaseUri { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => requests.ToArray();

    /// <summary>Requests whose client went away before they were answered.</summary>
    public int AbandonedRequests => Volatile.Read(ref abandoned);

    public static async Task<UpstreamServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        // Any Host header, as an API reached by name takes: the test's folder may hold another app's appsettings.json
        // with AllowedHosts.
        builder.Configuration["AllowedHosts"] = "*";
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        var server = new UpstreamServer(app);
        await app.StartAsync(TestContext.Current.CancellationToken);
        server.BaseUri = new Uri(app.Urls.Single());
        return server;
    }

    /// <summary>The URL of <paramref name="pathAndQuery"/> on this server, as a tool URL.</summary>
    public string Url(string pathAndQuery) => new Uri(BaseUri, pathAndQuery).ToString();

    public void Answer(params UpstreamAnswer[] answers)
    {
        lock (scriptLock)
        {
            script = answers;
            answered = 0;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        requests.Enqueue(new RecordedRequest(
            request.Method,
            request.Path.Value ?? string.Empty,
            context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget,
            request.Query.ToDictionary(q => q.Key, q => q.Value.Select(v => v ?? string.Empty).ToArray()),
            request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body));

        UpstreamAnswer answer;
        lock (scriptLock)
        {
            answer = script[Math.Min(answered++, script.Length - 1)];
        }

        try
        {
            await Task.Delay(answer.Delay, context.RequestAborted);
            if (answer.Gate is not null)
            {
                await answer.Gate.WaitAsync(context.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
            Interlocked.Increment(ref abandoned);
            return;
        }

        context.Response.StatusCode = answer.Status;
        foreach (var (name, value) in answer.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (answer.Body.Length > 0)
        {
            context.Response.ContentType = answer.ContentType;
            await context.Response.WriteAsync(answer.Body, context.RequestAborted);
        }
    }
}
