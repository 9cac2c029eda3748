using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using McpGateway.Testing;

namespace McpGateway.Benchmarks;

/// <summary>
/// A gateway host process under measurement, with a client that sends its Basic credentials, a meter of its CPU time
/// and a count of the tool calls the benchmark made through it.
/// </summary>
public sealed class GatewayInstance : IAsyncDisposable
{
    private readonly GatewayHostProcess host;
    private long toolCalls;

    private GatewayInstance(GatewayHostProcess host)
    {
        this.host = host;
        Client = host.CreateClient();
        Cpu = new CpuMeter("The gateway host", host.ProcessId);
    }

    public HttpClient Client { get; }

    public CpuMeter Cpu { get; }

    public int ProcessId => host.ProcessId;

    public string StoragePrefix => host.StoragePrefix;

    /// <summary>tools/call requests sent through this instance so far, answered or not.</summary>
    public long ToolCalls => Interlocked.Read(ref toolCalls);

    /// <summary>The host's last 40 lines of output, which usually say why a request failed.</summary>
    public string LastOutput => string.Join('\n', host.Output.Split('\n').TakeLast(40));

    public static async Task<GatewayInstance> StartAsync(string storageConnection, IReadOnlyDictionary<string, string?> settings) =>
        new(await GatewayHostProcess.StartAsync(storageConnection, settings));

    /// <summary>tools/call of <paramref name="tool"/> over Streamable HTTP in 2026-07-28, counted in <see cref="ToolCalls"/>.</summary>
    public CallPath ToolCallPath(string name, string tool, JsonObject arguments)
    {
        var caller = StreamableHttpToolCaller.CreateStateless(Client, tool, arguments);
        return new CallPath(name, (number, cancellationToken) =>
        {
            Interlocked.Increment(ref toolCalls);
            return caller.CallAsync(number, cancellationToken);
        }, Cpu);
    }

    /// <summary>Calls <paramref name="tool"/> once (counted in <see cref="ToolCalls"/>) and returns the text of its result.</summary>
    public Task<string> CallForTextAsync(string tool, JsonObject arguments, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref toolCalls);
        return StreamableHttpToolCaller.CreateStateless(Client, tool, arguments).CallForTextAsync(cancellationToken);
    }

    /// <summary>A GET of <paramref name="path"/> that succeeds with 200.</summary>
    public CallPath GetPath(string name, string path) => new(name, async (_, cancellationToken) =>
    {
        using var response = await Client.GetAsync(path, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.StatusCode == HttpStatusCode.OK ? null : $"{(int)response.StatusCode}: {text}";
    }, Cpu);

    /// <summary>POSTs <paramref name="item"/> to <paramref name="path"/>: the created item, or null and what went wrong.</summary>
    public async Task<(JsonNode? Created, string? Failure)> CreateAsync(string path, JsonObject item, CancellationToken cancellationToken)
    {
        using var response = await Client.PostAsync(path, new StringContent(item.ToJsonString(), Encoding.UTF8, "application/json"), cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.StatusCode == HttpStatusCode.Created ? (JsonNode.Parse(text), null) : (null, $"POST /{path} answered {(int)response.StatusCode}: {text}");
    }

    /// <summary>POSTs <paramref name="item"/> to <paramref name="path"/>, failing the run unless it is created.</summary>
    public async Task<JsonNode> CreateOrFailAsync(string path, JsonObject item, CancellationToken cancellationToken)
    {
        var (created, failure) = await CreateAsync(path, item, cancellationToken);
        return created ?? throw new InvalidOperationException(failure);
    }

    /// <summary>A REST tool that POSTs its arguments to <paramref name="url"/>.</summary>
    public static JsonObject RestTool(string name, Uri url) => new()
    {
        ["name"] = name,
        ["url"] = url.ToString(),
        ["request_type"] = "POST",
        ["integration_type"] = "REST",
        ["input_schema"] = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject { ["message"] = new JsonObject { ["type"] = "string" }, ["count"] = new JsonObject { ["type"] = "integer" } },
        },
    };

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Cpu.Dispose();
        await host.DisposeAsync();
    }
}
