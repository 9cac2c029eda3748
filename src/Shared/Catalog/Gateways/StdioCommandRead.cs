namespace McpGateway.Shared.Catalog.Gateways;

/// <summary>A stdio upstream as responses show it: environment values masked.</summary>
public sealed record StdioCommandRead(string Command, IReadOnlyList<string> Args, IReadOnlyDictionary<string, string> Env);
