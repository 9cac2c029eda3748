namespace McpGateway.Benchmarks;

/// <summary>One way of making a call, measured on its own.</summary>
/// <param name="Send">Sends request number n; null on success, else what went wrong.</param>
/// <param name="Cpu">The CPU meter of the process between client and upstream, if there is one.</param>
public sealed record CallPath(string Name, Func<long, CancellationToken, Task<string?>> Send, CpuMeter? Cpu = null);
