namespace McpGateway.Shared.Catalog.Gateways;

/// <summary>A stdio upstream: the program, its arguments, and its environment as encrypted JSON (values may be secrets).</summary>
public sealed record StdioCommand(string Command, IReadOnlyList<string> Args, IReadOnlyList<string> EnvNames, string? ProtectedEnv);
