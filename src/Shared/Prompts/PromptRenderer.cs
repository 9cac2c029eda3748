using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using McpGateway.Shared.Configuration;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Scriban;
using Scriban.Parsing;
using Scriban.Syntax;

namespace McpGateway.Shared.Prompts;

/// <summary>
/// Renders prompt templates with Scriban in Liquid mode, which reads the Jinja-style templates ContextForge
/// users write (<c>{{ user }}</c>, <c>{% if %}</c>, <c>{% for %}</c>). Every render is sandboxed: no
/// include, bounded loops, recursion, string sizes and output, short regex match timeouts, a PROMPT_RENDER_TIMEOUT
/// budget, and a bounded number of renders at once. Parsed templates are cached by a hash of their text (PROMPT_CACHE_SIZE entries). Independent of
/// HTTP so REST and MCP's prompts/get share it.
/// </summary>
public sealed class PromptRenderer : IDisposable
{
    private readonly PromptSandbox sandbox;
    private readonly MemoryCache templates;
    private readonly SemaphoreSlim renderSlots;

    public PromptRenderer(IOptions<PromptOptions> options)
        : this(PromptSandbox.From(options.Value), options.Value.CacheSize)
    {
    }

    internal PromptRenderer(PromptSandbox sandbox, int cacheSize)
    {
        this.sandbox = sandbox;
        templates = new MemoryCache(new MemoryCacheOptions { SizeLimit = cacheSize });
        renderSlots = new SemaphoreSlim(sandbox.ConcurrentRenders);
    }

    /// <summary>Throws a <see cref="PromptException"/> carrying the parser's message when the template does not parse.</summary>
    public void Validate(string template) => Parse(template);

    /// <summary>Checks the arguments against the schema, renders, and splits the text into messages.</summary>
    /// <exception cref="PromptException">Invalid arguments, an invalid template, or a render that broke a sandbox limit.</exception>
    public async Task<IReadOnlyList<PromptMessage>> RenderAsync(
        string template, JsonElement argumentSchema, JsonElement arguments, CancellationToken cancellationToken)
    {
        PromptArguments.Validate(argumentSchema, arguments);
        var parsed = Parse(template);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(sandbox.Timeout);
        var context = new LiquidTemplateContext
        {
            TemplateLoader = RefusingTemplateLoader.Instance,
            LoopLimit = sandbox.LoopLimit,
            RecursiveLimit = sandbox.RecursiveLimit,
            LimitToString = sandbox.MaxTextLength,
            RegexTimeOut = sandbox.RegexTimeout,

            // A misspelt variable is an error rather than silently empty text; declared arguments that
            // were not given are present as null, and members of null render empty as in Jinja.
            StrictVariables = true,
            EnableRelaxedTargetAccess = true,
            CancellationToken = budget.Token,
        };
        context.PushGlobal(PromptArguments.ToVariables(argumentSchema, arguments));
        context.PushOutput(new BoundedOutput(sandbox.MaxTextLength));
        try
        {
            await renderSlots.WaitAsync(budget.Token).ConfigureAwait(false);
            try
            {
                var text = await parsed.RenderAsync(context).ConfigureAwait(false);
                return PromptMessage.Split(text);
            }
            finally
            {
                renderSlots.Release();
            }
        }
        catch (Exception ex) when (ex is ScriptAbortException or OperationCanceledException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new PromptException(
                $"Rendering exceeded PROMPT_RENDER_TIMEOUT ({sandbox.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s) and was stopped.");
        }
        catch (ScriptRuntimeException ex) when (ex.InnerException is RegexMatchTimeoutException timeout)
        {
            var limit = sandbox.RegexTimeout.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
            throw new PromptException($"Rendering failed at {Where(ex.Span)}: the regular expression '{timeout.Pattern}' took longer than {limit} ms to match and was stopped.");
        }
        catch (ScriptRuntimeException ex)
        {
            throw new PromptException($"Rendering failed at {Where(ex.Span)}: {ex.OriginalMessage}");
        }
    }

    public void Dispose()
    {
        templates.Dispose();
        renderSlots.Dispose();
    }

    private Template Parse(string text)
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        return templates.GetOrCreate(key, entry =>
        {
            entry.Size = 1;
            var template = Template.ParseLiquid(text);
            if (template.HasErrors)
            {
                var error = template.Messages.First(m => m.Type == ParserMessageType.Error);
                throw new PromptException($"The template does not parse at {Where(error.Span)}: {error.Message}");
            }

            return template;
        })!;
    }

    private static string Where(SourceSpan span) => $"line {span.Start.Line + 1}, column {span.Start.Column + 1}";
}
