namespace McpGateway.Host.Tests;

/// <summary>The live processes of this machine and their environments, as Linux /proc shows them.</summary>
public static class ChildProcesses
{
    /// <summary>The ids of the live processes whose environment holds <paramref name="marker"/>.</summary>
    public static List<int> WithEnvironment(string marker) =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => name!.All(char.IsAsciiDigit))
            .Select(int.Parse!)
            .Where(pid =>
            {
                try
                {
                    return File.ReadAllText($"/proc/{pid}/environ").Contains(marker, StringComparison.Ordinal)
                        && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);
                }
                catch (IOException)
                {
                    return false;
                }
                catch (UnauthorizedAccessException)
                {
                    return false;
                }
            })];

    /// <summary>The environment process <paramref name="pid"/> started with.</summary>
    public static Dictionary<string, string> EnvironmentOf(int pid) =>
        File.ReadAllText($"/proc/{pid}/environ")
            .Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => entry.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair.Length > 1 ? pair[1] : string.Empty, StringComparer.Ordinal);
}
