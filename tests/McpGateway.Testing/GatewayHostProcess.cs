using System.Net.Http.Headers;
using System.Text;

namespace McpGateway.Testing;

/// <summary>
/// The container host (McpGateway.Host) running as a real process on 127.0.0.1 against Azurite, with a
/// storage prefix of its own so hosts of different test classes never see each other's catalog.
/// </summary>
public sealed class GatewayHostProcess : IAsyncDisposable
{
    public const string User = "admin";
    public const string Password = "test-password";
    public const string JwtSecret = "test-jwt-secret-0123456789abcdef0123456789";

    private readonly ChildProcess process;

    private GatewayHostProcess(ChildProcess process, Uri baseAddress, string storagePrefix)
    {
        this.process = process;
        BaseAddress = baseAddress;
        StoragePrefix = storagePrefix;
    }

    public Uri BaseAddress { get; }

    public string StoragePrefix { get; }

    public int ProcessId => process.Id;

    /// <summary>Everything the host logged so far.</summary>
    public string Output => process.Output;

    public static string HostAssembly =>
        RepositoryPaths.Combine("src", "Host", "bin", RepositoryPaths.Configuration, "net10.0", "McpGateway.Host.dll");

    /// <summary>The settings every test host gets; <paramref name="overrides"/> may replace or remove (null) any.</summary>
    public static Dictionary<string, string?> Settings(string storageConnection, string storagePrefix, int port, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["HOST"] = "127.0.0.1",
            ["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["CatalogStorage"] = storageConnection,
            ["STORAGE_PREFIX"] = storagePrefix,
            ["BASIC_AUTH_USER"] = User,
            ["BASIC_AUTH_PASSWORD"] = Password,
            ["JWT_SECRET_KEY"] = JwtSecret,
            ["AUTH_ENCRYPTION_SECRET"] = "test-encryption-secret",
            // Test upstreams listen on 127.0.0.1; classes that test the outbound policy's refusals remove this.
            ["SSRF_ALLOW_LOCALHOST"] = "true",
            ["LOG_LEVEL"] = "INFO",
            ["DOTNET_ENVIRONMENT"] = "Production",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    public static async Task<GatewayHostProcess> StartAsync(string storageConnection, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var port = FreePorts.Take(1)[0];
        var prefix = overrides?.GetValueOrDefault("STORAGE_PREFIX") ?? "t" + Guid.NewGuid().ToString("N")[..12];
        var process = Start(Settings(storageConnection, prefix, port, overrides));
        var host = new GatewayHostProcess(process, new Uri($"http://127.0.0.1:{port}{overrides?.GetValueOrDefault("APP_ROOT_PATH")?.TrimEnd('/')}/"), prefix);
        try
        {
            await FreePorts.WaitForListenerAsync(port, TimeSpan.FromSeconds(60), () => process.HasExited);
        }
        catch (Exception ex)
        {
            await Task.Delay(200);
            var output = process.Output;
            await process.DisposeAsync();
            throw new InvalidOperationException("The gateway host did not start:\n" + output, ex);
        }

        return host;
    }

    /// <summary>
    /// Starts the host with the given settings and arguments without waiting for it to listen. It runs in its own
    /// output folder, its content root: the test's folder may hold another app's appsettings.json.
    /// </summary>
    public static ChildProcess Start(IReadOnlyDictionary<string, string?> settings, params string[] arguments) =>
        ChildProcess.Start("dotnet", [HostAssembly, .. arguments], settings, workingDirectory: Path.GetDirectoryName(HostAssembly));

    /// <summary>A client that sends the host's Basic credentials.</summary>
    public HttpClient CreateClient() => CreateClient(new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}"))));

    public HttpClient CreateClient(AuthenticationHeaderValue? authorization)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = authorization;
        return client;
    }

    /// <summary>
    /// Waits until <paramref name="condition"/> holds, checking every half second for a minute; if it never does, fails
    /// with the host's warnings and federation log lines, which usually say why.
    /// </summary>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(500, cancellationToken);
        }

        var lines = Output.Split('\n');
        var problems = lines.Select((line, i) => (line, i))
            .Where(l => l.line.StartsWith("warn", StringComparison.Ordinal) || l.line.Contains("Federation", StringComparison.Ordinal))
            .SelectMany(l => lines.Skip(l.i).Take(3));
        throw new TimeoutException("The condition did not hold within 60 seconds. Gateway warnings:\n" + string.Join('\n', problems.TakeLast(40)));
    }

    public ValueTask DisposeAsync() => process.DisposeAsync();
}
