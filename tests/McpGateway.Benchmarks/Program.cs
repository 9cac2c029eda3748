using System.CommandLine;
using McpGateway.Benchmarks;

// TOOL_CONCURRENT_LIMIT, which the benchmark lifts to the highest level, allows at most 10 000.
const int MaxConcurrency = 10_000;

var only = new Option<BenchmarkSection[]>("--only")
{
    Description = "Comma-separated parts to run: " + string.Join(',', Enum.GetNames<BenchmarkSection>().Select(n => n.ToLowerInvariant())) + " (default: all).",
    DefaultValueFactory = _ => Enum.GetValues<BenchmarkSection>(),
    CustomParser = result =>
    {
        var names = result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
        if (names.Length == 0 || !names.All(n => Enum.TryParse<BenchmarkSection>(n, ignoreCase: true, out _) && !int.TryParse(n, out _)))
        {
            result.AddError($"--only takes parts separated by commas among {string.Join(", ", Enum.GetNames<BenchmarkSection>().Select(n => n.ToLowerInvariant()))}.");
            return [];
        }

        return names.Select(n => Enum.Parse<BenchmarkSection>(n, ignoreCase: true)).Distinct().ToArray();
    },
};
var concurrency = new Option<int[]>("--concurrency")
{
    Description = "Comma-separated concurrency levels of the direct-versus-gateway rows.",
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
    Description = "Seconds each row measures; a bulk phase (creating the catalog, the calls before the second GET /metrics) stops after 24 times that.",
    DefaultValueFactory = _ => 10,
};
var warmup = new Option<int>("--warmup")
{
    Description = "Seconds each path is called, unmeasured, before its rows.",
    DefaultValueFactory = _ => 3,
};
var tools = new Option<int>("--tools")
{
    Description = "Tools created in the catalog for the tools/list and GET /tools rows.",
    DefaultValueFactory = _ => 10_000,
};
var calls = new Option<int>("--calls")
{
    Description = "Tool calls made through the gateway before the second GET /metrics.",
    DefaultValueFactory = _ => 100_000,
};
var gatewaySettings = new Option<string[]>("--gateway-setting")
{
    Description = "A gateway setting KEY=VALUE for the hosts (repeatable), e.g. --gateway-setting LOG_LEVEL=WARNING.",
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
foreach (var positive in new[] { seconds, tools, calls })
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

var command = new RootCommand("Measures the gateway against direct calls and the proxies it competes with, and prints one table of figures and targets.")
{
    only, concurrency, seconds, warmup, tools, calls, gatewaySettings,
};
command.SetAction((parse, cancellationToken) => new BenchmarkRun(new BenchmarkSettings(
    parse.GetValue(only)!.ToHashSet(),
    parse.GetValue(concurrency)!,
    TimeSpan.FromSeconds(parse.GetValue(seconds)),
    TimeSpan.FromSeconds(parse.GetValue(warmup)),
    parse.GetValue(tools),
    parse.GetValue(calls),
    parse.GetValue(gatewaySettings)!)).RunAsync(Console.Out, Console.Error, cancellationToken));
return await command.Parse(args).InvokeAsync();
