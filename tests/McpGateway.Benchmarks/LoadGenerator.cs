using System.Diagnostics;

namespace McpGateway.Benchmarks;

/// <summary>
/// A closed-loop load: a fixed number of workers, each sending its next request when the last one answered,
/// until the request count or the time budget is spent.
/// </summary>
public static class LoadGenerator
{
    /// <param name="send">Sends request number n; returns null on success, else what went wrong.</param>
    public static async Task<Measurement> RunAsync(
        Func<long, CancellationToken, Task<string?>> send, int requests, int concurrency, TimeSpan budget, CancellationToken cancellationToken)
    {
        var measurement = new Measurement();
        var issued = 0L;
        var clock = Stopwatch.StartNew();

        async Task WorkAsync()
        {
            long number;
            while (clock.Elapsed < budget && (number = Interlocked.Increment(ref issued)) <= requests)
            {
                var started = Stopwatch.GetTimestamp();
                string? failure;
                try
                {
                    failure = await send(number, cancellationToken);
                }
                catch (Exception ex) when ((ex is HttpRequestException or TaskCanceledException) && !cancellationToken.IsCancellationRequested)
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
