namespace McpGateway.Benchmarks;

/// <summary>One way of calling the echo endpoint, measured on its own.</summary>
/// <param name="Send">Sends request number n; null on success, else what went wrong.</param>
public sealed record CallPath(string Name, bool IsBaseline, Func<long, CancellationToken, Task<string?>> Send);
