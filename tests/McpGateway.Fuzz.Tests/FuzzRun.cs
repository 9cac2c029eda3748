using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using CsCheck;

namespace McpGateway.Fuzz.Tests;

/// <summary>
/// Runs a property over generated requests. The run is reproducible: FUZZ_SEED (a CsCheck seed, printed by every run)
/// fixes every case, FUZZ_CASES how many there are. Cases are sent concurrently over keep-alive connections; the first
/// failure is shrunk by CsCheck, which prints the smallest failing request it finds.
/// </summary>
public sealed class FuzzRun(string property, HttpClient client)
{
    private const int Concurrency = 8;
    private const int ShrinkIterations = 400;

    public async Task CheckAsync(Gen<FuzzRequest> requests, int defaultCases)
    {
        var seed = Environment.GetEnvironmentVariable("FUZZ_SEED") is { Length: > 0 } given ? given : PCG.ThreadPCG.ToString();
        var cases = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_CASES"), CultureInfo.InvariantCulture, out var count) ? count : defaultCases;
        Log($"fuzz {property}: FUZZ_SEED={seed} FUZZ_CASES={cases}");

        var run = PCG.Parse(seed);
        var caseSeeds = Enumerable.Range(0, cases).Select(_ => new PCG(run.Next(), run.Next64()).ToString()).ToArray();
        var statuses = new ConcurrentDictionary<int, int>();
        var failures = new ConcurrentQueue<(string Seed, Exception Failure)>();
        var clock = Stopwatch.StartNew();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        try
        {
            await Parallel.ForEachAsync(caseSeeds, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = stop.Token }, async (caseSeed, cancellationToken) =>
            {
                var request = requests.Generate(PCG.Parse(caseSeed), null!, out _);
                try
                {
                    statuses.AddOrUpdate(await Verdict.SendAsync(client, request, cancellationToken), 1, (_, n) => n + 1);
                }
                catch (Exception failure) when (failure is not OperationCanceledException)
                {
                    failures.Enqueue((caseSeed, failure));
                    await stop.CancelAsync();
                }
            });
        }
        catch (OperationCanceledException) when (!failures.IsEmpty)
        {
            // Stopped at the first failure.
        }

        var tally = string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"));
        Log($"fuzz {property}: {statuses.Values.Sum()} cases in {clock.Elapsed.TotalSeconds:F0} s ({tally})");
        if (failures.TryPeek(out var first))
        {
            Log($"fuzz {property}: case {first.Seed} failed: {first.Failure.Message}\n{requests.Generate(PCG.Parse(first.Seed), null!, out _)}\nShrinking...");
            await requests.SampleAsync(
                request => Verdict.SendAsync(client, request, TestContext.Current.CancellationToken),
                Log,
                seed: first.Seed,
                iter: ShrinkIterations,
                threads: Concurrency,
                print: request => "\n" + request);
            Assert.Fail($"Case {first.Seed} failed ({first.Failure.Message}) but passed when replayed:\n{requests.Generate(PCG.Parse(first.Seed), null!, out _)}");
        }
    }

    /// <summary>
    /// To the test's output and to stdout. <c>dotnet test</c> shows both for a failed test, and for a passed one with
    /// <c>--output detailed</c>.
    /// </summary>
    private static void Log(string line)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        Console.WriteLine(line);
    }
}
