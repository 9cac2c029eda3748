namespace McpGateway.Shared.Catalog.Gateways;

/// <summary>Finds the file a command names, as a shell would: an absolute path as it is, a bare name on PATH.</summary>
public static class ExecutableLookup
{
    /// <returns>
    /// The full path of the executable, or null when there is none (or the command is a relative path, whose meaning
    /// would depend on the working directory).
    /// </returns>
    public static string? Find(string command)
    {
        if (Path.IsPathFullyQualified(command))
        {
            return IsExecutable(command) ? Path.GetFullPath(command) : null;
        }

        if (command.IndexOfAny([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar]) >= 0)
        {
            return null;
        }

        var directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return directories
            .Where(Path.IsPathFullyQualified)
            .SelectMany(directory => Candidates(Path.Combine(directory, command)))
            .FirstOrDefault(IsExecutable);
    }

    /// <summary>The file a path finally points to, symbolic links followed, so that two names of one program compare equal.</summary>
    public static string Canonical(string path) => new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;

    /// <summary>On Windows a command runs by its name without the extension that PATHEXT lists.</summary>
    private static IEnumerable<string> Candidates(string path) => OperatingSystem.IsWindows()
        ? [path, .. (Environment.GetEnvironmentVariable("PATHEXT") ?? ".EXE;.CMD;.BAT").Split(';', StringSplitOptions.RemoveEmptyEntries).Select(ext => path + ext)]
        : [path];

    private static bool IsExecutable(string path) =>
        File.Exists(path)
        && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);
}
