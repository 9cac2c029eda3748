using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Channels;

namespace McpGateway.Testing;

/// <summary>
/// A TCP relay on 127.0.0.1 in front of a storage endpoint (Azurite's table or blob port). It records the request line
/// of every HTTP request it passes, so a test can see which storage requests the gateway made, and may hold back every
/// chunk going towards the target for a fixed delay (a delay line: chunks keep their order and spacing, so throughput
/// is unchanged) while it passes answers on at once: each round trip then takes the delay longer, as storage in
/// another place would.
/// </summary>
public sealed partial class StorageProxy : IAsyncDisposable
{
    private const int ChunkSize = 64 * 1024;

    private readonly ConcurrentQueue<string> requests = new();

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly int targetPort;
    private readonly long delayTicks;
    private readonly Task accepting;

    private StorageProxy(int targetPort, TimeSpan delay)
    {
        this.targetPort = targetPort;
        delayTicks = (long)(delay.TotalSeconds * Stopwatch.Frequency);
        listener.Start();
        accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>How many requests have passed so far: a mark for <see cref="RequestsSince"/>.</summary>
    public int RequestCount => requests.Count;

    public static StorageProxy Start(int targetPort, TimeSpan delay = default) => new(targetPort, delay);

    /// <summary>
    /// <paramref name="connectionString"/> (Azurite's) with the endpoint on <paramref name="targetPort"/> routed through
    /// this proxy.
    /// </summary>
    public string Route(string connectionString, int targetPort) =>
        connectionString.Replace(Endpoint(targetPort), Endpoint(Port), StringComparison.Ordinal);

    private static string Endpoint(int port) => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port}/");

    /// <summary>The request lines ("GET /devstoreaccount1/tools()?... HTTP/1.1") that passed after <paramref name="mark"/>.</summary>
    public IReadOnlyList<string> RequestsSince(int mark) => requests.Skip(mark).ToList();

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var target = new TcpClient { NoDelay = true })
        {
            client.NoDelay = true;
            try
            {
                await target.ConnectAsync(IPAddress.Loopback, targetPort, stopping.Token);
                var (towardsTarget, back) = (client.GetStream(), target.GetStream());
                // Either direction ending (a closed connection, an error, the proxy stopping) ends both.
                await Task.WhenAny(DelayAsync(towardsTarget, back, stopping.Token), back.CopyToAsync(towardsTarget, stopping.Token));
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
            {
                // The connection went away; its client sees it closed.
            }
        }
    }

    private async Task DelayAsync(Stream from, Stream to, CancellationToken cancellationToken)
    {
        var line = Channel.CreateUnbounded<(long Due, byte[] Buffer, int Count)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var forwarding = ForwardAsync(line.Reader, to, cancellationToken);
        try
        {
            while (true)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
                var count = await from.ReadAsync(buffer, cancellationToken);
                if (count == 0)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    break;
                }

                Record(buffer.AsSpan(0, count));
                line.Writer.TryWrite((Stopwatch.GetTimestamp() + delayTicks, buffer, count));
            }
        }
        finally
        {
            line.Writer.TryComplete();
        }

        await forwarding;
    }

    /// <summary>
    /// Notes the request lines a chunk holds (a request small enough for one read, as storage requests of the request
    /// path are, starts and ends its line in one chunk).
    /// </summary>
    private void Record(ReadOnlySpan<byte> chunk)
    {
        foreach (Match match in RequestLine().Matches(Encoding.Latin1.GetString(chunk)))
        {
            requests.Enqueue(match.Value.TrimEnd('\r'));
        }
    }

    [GeneratedRegex(@"^(GET|HEAD|POST|PUT|PATCH|MERGE|DELETE|OPTIONS) \S+ HTTP/1\.1\r$", RegexOptions.Multiline)]
    private static partial Regex RequestLine();

    private static async Task ForwardAsync(ChannelReader<(long Due, byte[] Buffer, int Count)> line, Stream to, CancellationToken cancellationToken)
    {
        await foreach (var (due, buffer, count) in line.ReadAllAsync(cancellationToken))
        {
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            await to.WriteAsync(buffer.AsMemory(0, count), cancellationToken);
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await accepting;
        stopping.Dispose();
    }
}
