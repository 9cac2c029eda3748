using System.Net;
using System.Net.Sockets;

namespace McpGateway.Testing;

/// <summary>
/// Ports for the processes a test starts. A port handed out here is free when taken but is bound only later, by
/// another process: in that gap the OS may give it to any socket that asks for port 0 (a test server, an outgoing
/// connection), and the process meant to listen then fails while the test talks to a stranger. So ports are taken
/// below the OS's ephemeral range, where nothing is given out on its own, at random (test processes run side by
/// side), and never twice by one test process.
/// </summary>
public static class FreePorts
{
    private const int LowestPort = 20_000;
    private const string EphemeralRangeFile = "/proc/sys/net/ipv4/ip_local_port_range";

    private static readonly int FirstEphemeralPort = ReadFirstEphemeralPort();
    private static readonly HashSet<int> HandedOut = [];

    /// <summary>Distinct ports that were free on 127.0.0.1 when taken.</summary>
    public static int[] Take(int count)
    {
        var listeners = new List<TcpListener>();
        try
        {
            lock (HandedOut)
            {
                while (listeners.Count < count)
                {
                    var port = Random.Shared.Next(LowestPort, FirstEphemeralPort);
                    if (HandedOut.Contains(port))
                    {
                        continue;
                    }

                    var listener = new TcpListener(IPAddress.Loopback, port);
                    try
                    {
                        listener.Start();
                    }
                    catch (SocketException)
                    {
                        continue; // in use: another test process, or a service of the machine
                    }

                    listeners.Add(listener);
                    HandedOut.Add(port);
                }
            }

            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }

    public static async Task WaitForListenerAsync(int port, TimeSpan timeout, Func<bool> hasExited)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (hasExited())
            {
                throw new InvalidOperationException($"The process meant to listen on port {port} exited.");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"Nothing listened on 127.0.0.1:{port} within {timeout}.");
    }

    /// <summary>The first port of the OS's ephemeral range (Linux's default when the range cannot be read).</summary>
    private static int ReadFirstEphemeralPort()
    {
        const int LinuxDefault = 32_768;
        try
        {
            var first = int.Parse(File.ReadAllText(EphemeralRangeFile).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0], System.Globalization.CultureInfo.InvariantCulture);
            return first > LowestPort + 1_000 ? first : LinuxDefault;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return LinuxDefault;
        }
    }
}
