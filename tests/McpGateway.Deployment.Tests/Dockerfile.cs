namespace McpGateway.Deployment.Tests;

/// <summary>The instructions of a Dockerfile, by stage (continuation lines joined, comments dropped).</summary>
internal sealed class Dockerfile
{
    private Dockerfile(IReadOnlyList<IReadOnlyList<(string Keyword, string Arguments)>> stages)
    {
        Stages = stages;
    }

    public IReadOnlyList<IReadOnlyList<(string Keyword, string Arguments)>> Stages { get; }

    public IReadOnlyList<(string Keyword, string Arguments)> FinalStage => Stages[^1];

    public static Dockerfile Load(string path)
    {
        var instructions = File.ReadAllText(path)
            .Replace("\\\n", " ", StringComparison.Ordinal)
            .Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split(' ', 2, StringSplitOptions.TrimEntries))
            .Select(parts => (Keyword: parts[0].ToUpperInvariant(), Arguments: parts.Length > 1 ? parts[1] : string.Empty));

        var stages = new List<List<(string, string)>>();
        foreach (var instruction in instructions)
        {
            if (instruction.Keyword == "FROM")
            {
                stages.Add([]);
            }

            stages[^1].Add(instruction);
        }

        return new Dockerfile(stages);
    }
}
