using System.CommandLine;
using McpGateway.Benchmarks;

// TOOL_CONCURRENT_LIMIT, which the benchmark lifts to the highest level, allows at most 10 000.
const int MaxConcurrency = 10_000;

var requests = new Option<int>("--requests")
{
    Description = "Measured requests per path and concurrency level.",
    DefaultValueFactory = _ => 2000,
};
var concurrency = new Option<int[]>("--concurrency")
{
    Description = "Comma-separated concurrency levels.",
    DefaultValueFactory = _ => [1, 8, 32],
    CustomParser = result =>
    {
        var levels = result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
        if (levels.Length == 0 || !levels.All(l => int.TryParse(l, out var level) && level is > 0 and <= MaxConcurrency))
        {
            result.AddError($"--concurrency takes integers from 1 to {MaxConcurrency} separated by commas, e.g. 1,8,32.");
            return [];
        }

        return levels.Select(int.Parse).ToArray();
    },
};
var seconds = new Option<int>("--seconds")
{
    Description = "Hard cap in seconds on warm-up and measuring together: a fifth for the warm-up, the rest shared equally by every path and level (start-up not included).",
    DefaultValueFactory = _ => 120,
};
var warmup = new Option<int>("--warmup")
{
    Description = "Unmeasured requests per path before the measurements, at the highest concurrency level.",
    DefaultValueFactory = _ => 3000,
};
var gatewaySettings = new Option<string[]>("--gateway-setting")
{
    Description = "A gateway setting KEY=VALUE for the host (repeatable), e.g. --gateway-setting LOG_LEVEL=WARNING.",
    DefaultValueFactory = _ => [],
};
gatewaySettings.Validators.Add(result =>
{
    foreach (var setting in result.GetValueOrDefault<string[]>() ?? [])
    {
        if (setting.IndexOf('=', StringComparison.Ordinal) <= 0)
        {
            result.AddError($"--gateway-setting takes KEY=VALUE, not '{setting}'.");
        }
    }
});
foreach (var positive in new[] { requests, seconds })
{
    positive.Validators.Add(result =>
    {
        if (result.GetValueOrDefault<int>() <= 0)
        {
            result.AddError($"{result.Option.Name} must be positive.");
        }
    });
}

warmup.Validators.Add(result =>
{
    if (result.GetValueOrDefault<int>() < 0)
    {
        result.AddError("--warmup must not be negative.");
    }
});

var command = new RootCommand("Measures MCP tools/call of a REST tool through the gateway against calling the REST endpoint directly.")
{
    requests, concurrency, seconds, warmup, gatewaySettings,
};
command.SetAction((parse, cancellationToken) => new BenchmarkRun(new BenchmarkSettings(
    parse.GetValue(requests),
    parse.GetValue(concurrency)!,
    TimeSpan.FromSeconds(parse.GetValue(seconds)),
    parse.GetValue(warmup),
    parse.GetValue(gatewaySettings)!)).RunAsync(Console.Out, Console.Error, cancellationToken));
return await command.Parse(args).InvokeAsync();
