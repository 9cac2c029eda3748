using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace McpGateway.Shared.Prompts;

/// <summary>Answers every <c>{% include %}</c> with an error: prompt templates may not read files or other templates.</summary>
internal sealed class RefusingTemplateLoader : ITemplateLoader
{
    public static readonly RefusingTemplateLoader Instance = new();

    public string GetPath(TemplateContext context, SourceSpan callerSpan, string templateName) =>
        throw new ScriptRuntimeException(callerSpan, $"include is not available in prompt templates ('{templateName}').");

    public string? Load(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
        throw new ScriptRuntimeException(callerSpan, "include is not available in prompt templates.");

    public ValueTask<string?> LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
        throw new ScriptRuntimeException(callerSpan, "include is not available in prompt templates.");
}
