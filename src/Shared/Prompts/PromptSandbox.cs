using McpGateway.Shared.Configuration;

namespace McpGateway.Shared.Prompts;

/// <summary>The limits every render runs under, so a template can neither run forever nor exhaust memory.</summary>
/// <param name="Timeout">PROMPT_RENDER_TIMEOUT: the wall-clock budget of one render.</param>
/// <param name="LoopLimit">Iterations allowed per (nested) loop tree.</param>
/// <param name="RecursiveLimit">Depth of nested calls.</param>
/// <param name="MaxTextLength">Longest string a template may build, and longest rendered text, in UTF-16 characters.</param>
internal sealed record PromptSandbox(TimeSpan Timeout, int LoopLimit = 10_000, int RecursiveLimit = 100, int MaxTextLength = 1 << 20)
{
    public static PromptSandbox From(PromptOptions options) => new(TimeSpan.FromSeconds(options.RenderTimeoutSeconds));
}
