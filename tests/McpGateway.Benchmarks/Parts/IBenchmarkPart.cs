namespace McpGateway.Benchmarks.Parts;

/// <summary>One part of the benchmark (<see cref="BenchmarkSection"/>): the rows it adds to the table.</summary>
public interface IBenchmarkPart
{
    BenchmarkSection Section { get; }

    /// <summary>The longest the part may take, start-up of what it starts included; the run's hard cap adds these up.</summary>
    TimeSpan Budget(BenchmarkSettings settings);

    /// <summary>What the part measures before any part sends load (every part's preparation runs first).</summary>
    Task PrepareAsync(BenchmarkContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    Task<IReadOnlyList<ResultRow>> RunAsync(BenchmarkContext context, CancellationToken cancellationToken);
}
