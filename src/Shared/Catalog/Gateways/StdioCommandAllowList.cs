using McpGateway.Shared.Configuration;
using Microsoft.Extensions.Options;

namespace McpGateway.Shared.Catalog.Gateways;

/// <summary>
/// The programs stdio peers may run (STDIO_ALLOWED_COMMANDS). A stdio peer is a program the gateway starts as its own
/// user, so registering one would otherwise let anyone holding an API credential run anything on the host.
/// </summary>
public sealed class StdioCommandAllowList(IOptions<FederationOptions> options)
{
    public const string Setting = "STDIO_ALLOWED_COMMANDS";

    /// <returns>
    /// The full path of the program <paramref name="command"/> names, or null when STDIO_ALLOWED_COMMANDS does not
    /// allow it. Names are looked up on PATH now, and a command is allowed when it is the same file (links followed)
    /// as one of the entries.
    /// </returns>
    public string? Resolve(string command)
    {
        if (ExecutableLookup.Find(command) is not { } path)
        {
            return null;
        }

        var program = ExecutableLookup.Canonical(path);
        var allowed = options.Value.ParseStdioAllowedCommands()
            .Select(ExecutableLookup.Find)
            .OfType<string>()
            .Any(entry => string.Equals(ExecutableLookup.Canonical(entry), program, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal));
        return allowed ? path : null;
    }

    /// <summary>Why <paramref name="command"/> may not run, for the caller and the log.</summary>
    public string Refusal(string command) => options.Value.ParseStdioAllowedCommands().Count == 0
        ? $"stdio peers are turned off: the operator allows programs to run as stdio peers by listing them in {Setting} (names looked up on PATH, or absolute paths)."
        : $"'{command}' is not a program {Setting} allows (or is not found on PATH); the operator lists the programs stdio peers may run there.";
}
