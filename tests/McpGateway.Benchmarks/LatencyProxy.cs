using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace McpGateway.Benchmarks;

/// <summary>
/// A TCP relay on 127.0.0.1 that holds back every chunk going towards the target for a fixed delay (a delay line:
/// chunks keep their order and spacing, so throughput is unchanged) and passes answers on at once. Each request and
/// answer round trip over it takes the delay longer, as storage in another place would.
/// </summary>
public sealed class LatencyProxy : IAsyncDisposable
{
    private const int ChunkSize = 64 * 1024;

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly int targetPort;
    private readonly long delayTicks;
    private readonly Task accepting;

    private LatencyProxy(int targetPort, TimeSpan delay)
    {
        this.targetPort = targetPort;
        delayTicks = (long)(delay.TotalSeconds * Stopwatch.Frequency);
        listener.Start();
        accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public static LatencyProxy Start(int targetPort, TimeSpan delay) => new(targetPort, delay);

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

                line.Writer.TryWrite((Stopwatch.GetTimestamp() + delayTicks, buffer, count));
            }
        }
        finally
        {
            line.Writer.TryComplete();
        }

        await forwarding;
    }

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
