using System.CommandLine;
using McpGateway.Benchmarks;

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
        if (levels.Length == 0 || !levels.All(l => int.TryParse(l, out var level) && level > 0))
        {
            result.AddError("--concurrency takes positive integers separated by commas, e.g. 1,8,32.");
            return [];
        }

        return levels.Select(int.Parse).ToArray();
    },
};
var seconds = new Option<int>("--seconds")
{
    Description = "Hard cap on the measuring time in seconds, shared equally by every path and level (start-up not included).",
    DefaultValueFactory = _ => 120,
};
var warmup = new Option<int>("--warmup")
{
    Description = "Unmeasured requests before each measurement.",
    DefaultValueFactory = _ => 200,
};
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
    requests, concurrency, seconds, warmup,
};
command.SetAction((parse, cancellationToken) => new BenchmarkRun(new BenchmarkSettings(
    parse.GetValue(requests),
    parse.GetValue(concurrency)!,
    TimeSpan.FromSeconds(parse.GetValue(seconds)),
    parse.GetValue(warmup))).RunAsync(Console.Out, Console.Error, cancellationToken));
return await command.Parse(args).InvokeAsync();
