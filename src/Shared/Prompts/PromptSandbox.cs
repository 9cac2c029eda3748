using McpGateway.Shared.Configuration;

namespace McpGateway.Shared.Prompts;

/// <summary>The limits every render runs under, so a template can neither run forever nor exhaust memory or the CPU.</summary>
/// <param name="Timeout">PROMPT_RENDER_TIMEOUT: the wall-clock budget of one render, from the request to the text.</param>
/// <param name="LoopLimit">Iterations allowed per (nested) loop tree.</param>
/// <param name="RecursiveLimit">Depth of nested calls.</param>
/// <param name="MaxTextLength">Longest string a template may build, and longest rendered text, in UTF-16 characters.</param>
internal sealed record PromptSandbox(TimeSpan Timeout, int LoopLimit = 10_000, int RecursiveLimit = 100, int MaxTextLength = 1 << 20)
{
    /// <summary>
    /// The match timeout of the <c>regex.*</c> functions. A match does not watch the render's cancellation, so without
    /// its own short timeout a backtracking pattern would hold a core for the whole render budget.
    /// </summary>
    public TimeSpan RegexTimeout { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Renders that may run at once; the others wait (within their budget). One core is left to everything else, so
    /// renders that burn CPU cannot starve health probes and other requests.
    /// </summary>
    public int ConcurrentRenders { get; init; } = Math.Max(1, Environment.ProcessorCount - 1);

    public static PromptSandbox From(PromptOptions options) => new(TimeSpan.FromSeconds(options.RenderTimeoutSeconds));
}
