using System.Globalization;

namespace McpGateway.Benchmarks;

/// <summary>A process's resident set (VmRSS in /proc/&lt;pid&gt;/status, Linux), and its peak while sampled.</summary>
public sealed class ResidentMemory : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly int processId;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task sampling;
    private long peak;

    private ResidentMemory(int processId)
    {
        this.processId = processId;
        peak = Megabytes(processId);
        sampling = SampleAsync();
    }

    /// <summary>The largest resident set seen since sampling began, MB.</summary>
    public long PeakMegabytes => Interlocked.Read(ref peak);

    /// <summary>Samples the process's resident set every 100 ms until disposed.</summary>
    public static ResidentMemory Sample(int processId) => new(processId);

    /// <summary>The process's resident set now, MB (1 MB = 1024 kB).</summary>
    public static long Megabytes(int processId)
    {
        var line = File.ReadLines($"/proc/{processId}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"/proc/{processId}/status has no VmRSS line.");
        return long.Parse(line["VmRSS:".Length..].Replace("kB", string.Empty, StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture) / 1024;
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping.Token))
            {
                var now = Megabytes(processId);
                if (now > Interlocked.Read(ref peak))
                {
                    Interlocked.Exchange(ref peak, now);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Sampling ends with the measurement.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await sampling;
        stopping.Dispose();
    }
}
