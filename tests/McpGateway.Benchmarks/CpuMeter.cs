using System.Diagnostics;

namespace McpGateway.Benchmarks;

/// <summary>
/// CPU time a process has used. Per request, it is a steadier figure than latency on a machine shared with
/// other work, and it shows where the cost of a call lies (the gateway, or the storage it waits on).
/// </summary>
public sealed class CpuMeter(string name, int processId) : IDisposable
{
    private readonly Process process = Process.GetProcessById(processId);

    /// <exception cref="InvalidOperationException">The process has exited.</exception>
    public TimeSpan Used
    {
        get
        {
            process.Refresh();
            return process.HasExited ? throw new InvalidOperationException($"{name} exited during the run.") : process.TotalProcessorTime;
        }
    }

    public void Dispose() => process.Dispose();
}
