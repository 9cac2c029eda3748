namespace McpGateway.Shared.Prompts;

/// <summary>
/// A template that does not parse, arguments that do not fit the prompt, or a render that broke a
/// sandbox limit. Host-agnostic: the REST API answers it with 422, the MCP layer with an invalid-params error.
/// </summary>
public sealed class PromptException : Exception
{
    public PromptException(string message, string? argument = null)
        : base(message)
    {
        Argument = argument;
    }

    /// <summary>The argument at fault, when the failure concerns one.</summary>
    public string? Argument { get; }
}
