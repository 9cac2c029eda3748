namespace McpGateway.Shared.Upstreams.Mcp;

/// <summary>
/// The whole environment a stdio upstream starts with: the few variables below taken from the gateway's, so that a
/// program and its runtime can start, plus the peer's own <c>env</c>. Nothing else is inherited: the gateway's
/// environment holds its secrets (JWT_SECRET_KEY, AUTH_ENCRYPTION_SECRET, storage connection strings).
/// </summary>
/// <remarks>
/// The names are those the MCP SDKs (C#, TypeScript, Python) forward by default, plus the locale and the temporary
/// directory, which runtimes such as node and dotnet read at start. They are listed here rather than taken from the
/// SDK's <c>GetDefaultEnvironmentVariables</c> so that the README can state the set exactly.
/// </remarks>
public static class ChildProcessEnvironment
{
    public static IReadOnlyList<string> InheritedNames { get; } = OperatingSystem.IsWindows()
        ? ["APPDATA", "HOMEDRIVE", "HOMEPATH", "LOCALAPPDATA", "PATH", "PATHEXT", "PROCESSOR_ARCHITECTURE", "PROGRAMFILES", "SYSTEMDRIVE",
            "SYSTEMROOT", "TEMP", "TMP", "USERNAME", "USERPROFILE"]
        : ["HOME", "LOGNAME", "PATH", "SHELL", "TERM", "USER", "LANG", "LC_ALL", "TMPDIR"];

    /// <summary>The environment of a child whose own variables are <paramref name="own"/>; they win over inherited ones.</summary>
    public static Dictionary<string, string?> For(IReadOnlyDictionary<string, string> own)
    {
        var environment = new Dictionary<string, string?>(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach (var name in InheritedNames)
        {
            // A value starting with "()" is an exported shell function, a way to run code in any bash the child starts.
            if (Environment.GetEnvironmentVariable(name) is { } value && !value.StartsWith("()", StringComparison.Ordinal))
            {
                environment[name] = value;
            }
        }

        foreach (var (name, value) in own)
        {
            environment[name] = value;
        }

        return environment;
    }
}
