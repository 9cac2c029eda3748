using System.Diagnostics;

namespace McpGateway.Benchmarks;

/// <summary>
/// A closed-loop load: a fixed number of workers, each sending its next request when the last one answered,
/// until the time is up or the request count is reached. Every request sent is counted, a failed one as an error.
/// </summary>
public static class LoadGenerator
{
    /// <param name="send">Sends request number n; returns null on success, else what went wrong.</param>
    public static async Task<Measurement> RunAsync(
        Func<long, CancellationToken, Task<string?>> send, int concurrency, TimeSpan duration, CancellationToken cancellationToken, long requests = long.MaxValue)
    {
        var measurement = new Measurement();
        var issued = 0L;
        var clock = Stopwatch.StartNew();

        async Task WorkAsync()
        {
            long number;
            while (clock.Elapsed < duration && (number = Interlocked.Increment(ref issued)) <= requests)
            {
                var started = Stopwatch.GetTimestamp();
                string? failure;
                try
                {
                    failure = await send(number, cancellationToken);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    failure = ex.GetType().Name + ": " + ex.Message;
                }

                measurement.Record(Stopwatch.GetElapsedTime(started), failure);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(WorkAsync, cancellationToken)));
        measurement.Elapsed = clock.Elapsed;
        return measurement;
    }
}
