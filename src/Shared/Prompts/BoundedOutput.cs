using System.Text;
using Scriban.Runtime;

namespace McpGateway.Shared.Prompts;

/// <summary>
/// Collects rendered text up to a limit. Scriban's LimitToString only truncates the final text, after
/// a loop may already have written gigabytes; this output stops the render as soon as the limit is passed.
/// </summary>
internal sealed class BoundedOutput(int maxLength) : IScriptOutput
{
    private readonly StringBuilder text = new();

    public void Write(string text, int offset, int count)
    {
        if (this.text.Length + count > maxLength)
        {
            throw new PromptException($"The rendered prompt is longer than {maxLength} characters.");
        }

        this.text.Append(text, offset, count);
    }

    public ValueTask WriteAsync(string text, int offset, int count, CancellationToken cancellationToken)
    {
        Write(text, offset, count);
        return ValueTask.CompletedTask;
    }

    public override string ToString() => text.ToString();
}
