using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.AspNetCore;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpGateway.Testing;

/// <summary>
/// A real MCP server (the official SDK's, on Kestrel at 127.0.0.1) for federation tests: a few tools with
/// several content types and progress, a resource and a prompt. It can be stopped and started again on the
/// same port, as an upstream that goes away and comes back.
/// </summary>
public sealed class TestMcpServer : IAsyncDisposable
{
    private const string SessionIdHeader = "Mcp-Session-Id";

    private static readonly JsonTypeInfo<CallToolResult> CallToolResultJson =
        (JsonTypeInfo<CallToolResult>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(CallToolResult));

    private readonly int port;
    private readonly IReadOnlyList<McpServerTool> extraTools;
    private readonly string? protocolVersion;
    private WebApplication? app;
    private int answeringSessionsOpened;
    private int discoverRequests;

    private TestMcpServer(int port, IReadOnlyList<McpServerTool> extraTools, string? protocolVersion = null)
    {
        this.port = port;
        this.extraTools = extraTools;
        this.protocolVersion = protocolVersion;
    }

    /// <summary>The Streamable HTTP endpoint.</summary>
    public Uri Endpoint => new($"http://127.0.0.1:{port}/mcp");

    /// <summary>The URI of its one resource; unique per server, as two upstreams may not share a URI.</summary>
    public string DocumentUri => $"test://{port}/doc";

    /// <summary>The legacy HTTP+SSE endpoint (2024-11-05) of the same server.</summary>
    public Uri SseEndpoint => new($"http://127.0.0.1:{port}/mcp/sse");

    /// <summary>The URI of a resource whose every read fails with a JSON-RPC error.</summary>
    public string BrokenDocumentUri => $"test://{port}/broken";

    /// <summary>
    /// Sessions opened by clients that declared they answer questions (elicitation or sampling): those a gateway opens
    /// for a caller of its own, never for its health checks or syncs.
    /// </summary>
    public int AnsweringSessionsOpened => Volatile.Read(ref answeringSessionsOpened);

    /// <summary>The <c>server/discover</c> requests it was sent (an older server refuses each).</summary>
    public int DiscoverRequests => Volatile.Read(ref discoverRequests);

    /// <summary>The base address, for registering without naming the endpoint.</summary>
    public Uri BaseAddress => new($"http://127.0.0.1:{port}/");

    public static async Task<TestMcpServer> StartAsync(params McpServerTool[] extraTools)
    {
        var server = new TestMcpServer(FreePorts.Take(1)[0], extraTools);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>A server that speaks only <paramref name="protocolVersion"/> (an older one refuses 2026-07-28's <c>server/discover</c>).</summary>
    public static async Task<TestMcpServer> StartSpeakingAsync(string protocolVersion)
    {
        var server = new TestMcpServer(FreePorts.Take(1)[0], [], protocolVersion);
        await server.StartAgainAsync();
        return server;
    }

    public async Task StartAgainAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}").UseShutdownTimeout(TimeSpan.FromSeconds(1));
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddMcpServer(options =>
            {
                options.ServerInfo = new Implementation { Name = "test-upstream", Version = "1.0" };
                options.ProtocolVersion = protocolVersion;
#pragma warning disable MCPEXP002 // the SDK's own writing of tool results fails on annotated content (ModelContextProtocol 2.4.0)
                options.Filters.Request.CallToolWithAlternateFilters.Add(async (context, next, cancellationToken) =>
                {
                    var outcome = await next(context, cancellationToken);
                    return outcome is { IsAlternate: false, Result: { } result } ? ResultOrAlternate<CallToolResult>.FromAlternate(result, CallToolResultJson) : outcome;
                });
#pragma warning restore MCPEXP002
            })
            .WithHttpTransport(options =>
            {
                options.SessionMode = HttpServerSessionMode.StatefulForInitializeClients;
#pragma warning disable MCP9004 // the legacy transport is what SSE peers of the gateway speak
                options.EnableLegacySse = true;
#pragma warning restore MCP9004
            })
            .WithTools([.. Tools(), .. extraTools])
            .WithResources(
            [
                McpServerResource.Create(() => "upstream document", new McpServerResourceCreateOptions { UriTemplate = DocumentUri, Name = "Upstream doc", MimeType = "text/plain" }),
                McpServerResource.Create(
                    string () => throw new McpProtocolException("The broken document cannot be read.", McpErrorCode.InternalError),
                    new McpServerResourceCreateOptions { UriTemplate = BrokenDocumentUri, Name = "Broken doc", MimeType = "text/plain" }),
            ])
            .WithPrompts(
            [
                McpServerPrompt.Create(([Description("What to summarize")] string topic) => $"Summarize {topic}.", new McpServerPromptCreateOptions { Name = "summarize" }),
                McpServerPrompt.Create(
                    string () => throw new McpProtocolException("The broken prompt cannot be rendered.", McpErrorCode.InternalError),
                    new McpServerPromptCreateOptions { Name = "broken" }),
            ])
            .WithSubscribeToResourcesHandler((request, cancellationToken) =>
            {
                _ = UpdateSoonAsync(request.Server, request.Params!.Uri);
                return ValueTask.FromResult(new EmptyResult());
            });
        app = builder.Build();
        app.Use(async (context, next) =>
        {
            var opening = HttpMethods.IsPost(context.Request.Method) && !context.Request.Headers.ContainsKey(SessionIdHeader)
                ? await InspectAsync(context.Request)
                : default;
            if (opening.Method == RequestMethods.ServerDiscover)
            {
                Interlocked.Increment(ref discoverRequests);
            }

            if (opening.Answering)
            {
                context.Response.OnStarting(() =>
                {
                    if (context.Response.Headers.ContainsKey(SessionIdHeader))
                    {
                        Interlocked.Increment(ref answeringSessionsOpened);
                    }

                    return Task.CompletedTask;
                });
            }

            await next(context);
        });
        app.MapMcp("/mcp");
        await app.StartAsync();
    }

    /// <summary>
    /// The method of a request sent without a session, and whether it is an initialize whose client declares elicitation
    /// or sampling (the body stays readable).
    /// </summary>
    private static async Task<(string? Method, bool Answering)> InspectAsync(HttpRequest request)
    {
        request.EnableBuffering();
        try
        {
            using var message = await JsonDocument.ParseAsync(request.Body);
            if (message.RootElement is not { ValueKind: JsonValueKind.Object } root
                || !root.TryGetProperty("method", out var method) || method.ValueKind != JsonValueKind.String)
            {
                return default;
            }

            var answering = method.ValueEquals("initialize")
                && root.TryGetProperty("params", out var parameters) && parameters.TryGetProperty("capabilities", out var capabilities)
                && (capabilities.TryGetProperty("elicitation", out _) || capabilities.TryGetProperty("sampling", out _));
            return (method.GetString(), answering);
        }
        catch (JsonException)
        {
            return default;
        }
        finally
        {
            request.Body.Position = 0;
        }
    }

    /// <summary>Stops answering, dropping calls in flight, as a crashed upstream would.</summary>
    public async Task StopAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
            app = null;
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    /// <summary>The document changes a moment after each subscription, and the subscriber hears of it.</summary>
    private static async Task UpdateSoonAsync(McpServer server, string uri)
    {
        await Task.Delay(300, CancellationToken.None);
        await server.SendNotificationAsync(NotificationMethods.ResourceUpdatedNotification, new ResourceUpdatedNotificationParams { Uri = uri }, cancellationToken: CancellationToken.None);
    }

    private static ElicitRequestParams AskName() => new()
    {
        Message = "Your name?",
        RequestedSchema = new ElicitRequestParams.RequestSchema
        {
            Properties = new Dictionary<string, ElicitRequestParams.PrimitiveSchemaDefinition> { ["name"] = new ElicitRequestParams.StringSchema() },
        },
    };

    private static IEnumerable<McpServerTool> Tools()
    {
        yield return McpServerTool.Create(
            async (McpServer server, CancellationToken cancellationToken) =>
            {
                var answer = await server.ElicitAsync(AskName(), cancellationToken);
                return answer.Action == "accept" && answer.Content?.TryGetValue("name", out var name) == true ? $"hello {name}" : "declined";
            },
            new McpServerToolCreateOptions { Name = "greet_me" });

        // The same question the 2026-07-28 way (SEP-2322): an input-required result, answered in the retried request.
        yield return McpServerTool.Create(
            (RequestContext<CallToolRequestParams> context) =>
                context.Params?.InputResponses?.TryGetValue("name", out var answer) == true
                    ? answer.Deserialize(InputResponse.ElicitResultJsonTypeInfo) is { Action: "accept", Content: { } content } && content.TryGetValue("name", out var name)
                        ? $"hello {name} ({context.Params.RequestState})"
                        : "declined"
                    : throw new InputRequiredException(
                        new Dictionary<string, InputRequest> { ["name"] = InputRequest.ForElicitation(AskName()) }, requestState: "asked-for-name"),
            new McpServerToolCreateOptions { Name = "greet_me_in_rounds" });

        // Log messages while it works, at three levels, each after the client's level filter (the session's, or the
        // request's own on 2026-07-28).
        yield return McpServerTool.Create(
            async (RequestContext<CallToolRequestParams> context, CancellationToken cancellationToken) =>
            {
                foreach (var (level, text) in new[] { (LoggingLevel.Debug, "looking"), (LoggingLevel.Info, "found it"), (LoggingLevel.Warning, "it was odd") })
                {
                    if ((context.JsonRpcRequest.Context?.LogLevel ?? context.Server.LoggingLevel) is { } wanted && level >= wanted)
                    {
                        await context.Server.SendNotificationAsync(
                            NotificationMethods.LoggingMessageNotification,
                            new LoggingMessageNotificationParams { Level = level, Logger = "chatty", Data = System.Text.Json.JsonSerializer.SerializeToElement(text) },
                            cancellationToken: cancellationToken);
                    }
                }

                return "said three things";
            },
            new McpServerToolCreateOptions { Name = "chatty" });

        var http = new HttpContextAccessor(); // its state is an AsyncLocal shared by every instance
        yield return McpServerTool.Create(
            (string name) => http.HttpContext?.Request.Headers[name].ToString() ?? string.Empty,
            new McpServerToolCreateOptions { Name = "header" });
        yield return McpServerTool.Create(([Description("Text to echo")] string text) => $"echo: {text}", new McpServerToolCreateOptions { Name = "echo" });
        yield return McpServerTool.Create((int a, int b) => a + b, new McpServerToolCreateOptions { Name = "add" });
        yield return McpServerTool.Create(
            () => new CallToolResult
            {
                Content =
                [
                    new TextContentBlock { Text = "a picture" },
                    ImageContentBlock.FromBytes(new byte[] { 137, 80, 78, 71 }, "image/png"),
                ],
            },
            new McpServerToolCreateOptions { Name = "picture" });

        // Content with annotations, as server-everything's get-annotated-message sends it.
        yield return McpServerTool.Create(
            () => new CallToolResult
            {
                Content =
                [
                    new TextContentBlock
                    {
                        Text = "Error: Operation failed",
                        Annotations = new Annotations { Audience = [Role.User, Role.Assistant], Priority = 1.0f, LastModified = new DateTimeOffset(2025, 1, 12, 15, 0, 58, TimeSpan.Zero) },
                    },
                ],
            },
            new McpServerToolCreateOptions { Name = "annotated" });
        yield return McpServerTool.Create(
            () => new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = "it went wrong" }] },
            new McpServerToolCreateOptions { Name = "fails_in_result" });
        yield return McpServerTool.Create(
            string () => throw new McpProtocolException("The tool refuses.", McpErrorCode.InvalidParams),
            new McpServerToolCreateOptions { Name = "fails_with_protocol_error" });
        yield return McpServerTool.Create(
            async (int steps, IProgress<ProgressNotificationValue> progress, CancellationToken cancellationToken) =>
            {
                for (var i = 1; i <= steps; i++)
                {
                    await Task.Delay(200, cancellationToken);
                    progress.Report(new ProgressNotificationValue { Progress = i, Total = steps });
                }

                return $"done after {steps} steps";
            },
            new McpServerToolCreateOptions { Name = "slow" });
    }
}
