using System.Text.Json;
using McpGateway.Shared.Catalog;
using McpGateway.Shared.Catalog.Prompts;
using McpGateway.Shared.Catalog.Resources;
using McpGateway.Shared.Catalog.Tools;
using McpGateway.Shared.Http;
using McpGateway.Shared.Observability;
using McpGateway.Shared.Transports;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

// MCPEXP002: results written with a type info of the gateway's choosing (see ToolCallResults.Json).
#pragma warning disable MCPEXP002

namespace McpGateway.Shared.Protocol;

/// <summary>
/// The MCP methods over the catalog, for one endpoint scope and (for pre-2026 clients) one session:
/// the <see cref="McpServerHandlers"/> the SDK's server core dispatches to.
/// </summary>
/// <param name="sessionLogLevel">The level the session's client set with logging/setLevel, if it did.</param>
public sealed class CatalogRequestHandlers(CatalogScope scope, string? sessionId, LoggingLevel? sessionLogLevel, CatalogRequestServices services)
{
    private readonly ICatalogSnapshot catalog = services.Catalog;
    private readonly ResourceService resources = services.Resources;
    private readonly PromptService prompts = services.Prompts;

    public McpServerHandlers Create() => new()
    {
        ListToolsHandler = ListToolsAsync,
        CallToolWithAlternateHandler = CallToolAsync,
        ListResourcesHandler = ListResourcesAsync,
        ListResourceTemplatesHandler = ListResourceTemplatesAsync,
        ReadResourceHandler = ReadResourceAsync,
        SubscribeToResourcesHandler = SubscribeAsync,
        UnsubscribeFromResourcesHandler = UnsubscribeAsync,
        ListPromptsHandler = ListPromptsAsync,
        GetPromptHandler = GetPromptAsync,
        CompleteHandler = CompleteAsync,
        SetLoggingLevelHandler = SetLoggingLevelAsync,
    };

    /// <summary>Kept with the session, so that every later request of it, on any instance, relays upstream logs at this level.</summary>
    private async ValueTask<EmptyResult> SetLoggingLevelAsync(RequestContext<SetLevelRequestParams> request, CancellationToken cancellationToken)
    {
        var level = request.Params?.Level ?? throw new McpProtocolException("logging/setLevel needs a level.", McpErrorCode.InvalidParams);
        await services.Sessions.SetLogLevelAsync(RequireSession(), level, cancellationToken).ConfigureAwait(false);
        return new EmptyResult();
    }

    /// <summary>
    /// The level of log messages the caller wants: its session's (as a long-lived connection's server core holds it,
    /// else as stored), or (2026-07-28) the request's own, which the server core has validated before any handler runs.
    /// </summary>
    private LoggingLevel? LogLevel<TParams>(RequestContext<TParams> request) =>
        sessionId is not null
            ? request.Server.LoggingLevel ?? sessionLogLevel
            : request.JsonRpcRequest.Params?["_meta"]?[McpMetaKeys.LogLevel]?.Deserialize(McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(LoggingLevel))) as LoggingLevel?;

    private async ValueTask<ListToolsResult> ListToolsAsync(RequestContext<ListToolsRequestParams> request, CancellationToken cancellationToken)
    {
        var (page, next) = await catalog.ToolPageAsync(scope, request.Params?.Cursor, cancellationToken).ConfigureAwait(false);
        return new ListToolsResult { Tools = page.Select(McpShapes.Tool).ToList(), NextCursor = next };
    }

    private async ValueTask<ResultOrAlternate<CallToolResult>> CallToolAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken)
    {
        var name = request.Params?.Name ?? throw new McpProtocolException("tools/call needs a tool name.", McpErrorCode.InvalidParams);
        var tool = HttpMessageContext.RememberedTool(request.JsonRpcRequest, name)
            ?? await catalog.FindToolAsync(scope, name, cancellationToken).ConfigureAwait(false)
            ?? throw new McpProtocolException($"Unknown tool: '{name}'.", McpErrorCode.InvalidParams);
        var relay = new CallerRelay(request.Server, request.Params.ProgressToken);
        var clientHeaders = HttpMessageContext.ClientHeaders(request.JsonRpcRequest);
        var result = await services.ToolCalls.CallAsync(
            tool, request.Params.Arguments, new ToolCallContext(
                scope.ServerId, request.Server.NegotiatedProtocolVersion, relay, clientHeaders, request.Server, request.JsonRpcRequest.Params, LogLevel(request)), cancellationToken)
            .ConfigureAwait(false);
        await relay.DrainAsync().ConfigureAwait(false);
        return ResultOrAlternate<CallToolResult>.FromAlternate(ToolCallResults.Stamped(result, request.Server.NegotiatedProtocolVersion), ToolCallResults.Json);
    }

    private async ValueTask<ListResourcesResult> ListResourcesAsync(RequestContext<ListResourcesRequestParams> request, CancellationToken cancellationToken)
    {
        var (page, next) = await catalog.ResourcePageAsync(scope, request.Params?.Cursor, cancellationToken).ConfigureAwait(false);
        return new ListResourcesResult { Resources = page.Select(McpShapes.Resource).ToList(), NextCursor = next };
    }

    private async ValueTask<ListResourceTemplatesResult> ListResourceTemplatesAsync(
        RequestContext<ListResourceTemplatesRequestParams> request, CancellationToken cancellationToken)
    {
        var (page, next) = await catalog.ResourceTemplatePageAsync(scope, request.Params?.Cursor, cancellationToken).ConfigureAwait(false);
        return new ListResourceTemplatesResult { ResourceTemplates = page.Select(McpShapes.ResourceTemplate).ToList(), NextCursor = next };
    }

    private async ValueTask<ReadResourceResult> ReadResourceAsync(RequestContext<ReadResourceRequestParams> request, CancellationToken cancellationToken)
    {
        var uri = request.Params?.Uri ?? throw new McpProtocolException("resources/read needs a uri.", McpErrorCode.InvalidParams);
        var entry = await catalog.FindResourceAsync(scope, uri, cancellationToken).ConfigureAwait(false);
        if (entry is null || entry.Document.IsTemplate)
        {
            return await ReadFromTemplateAsync(request, uri, cancellationToken).ConfigureAwait(false);
        }

        if (entry.Document.GatewayId is { } gatewayId)
        {
            return await CountedAsync(() => services.Federated.ReadResourceAsync(gatewayId, request, cancellationToken), Resource(entry.Document)).ConfigureAwait(false);
        }

        var (_, content) = await CountedAsync(() => resources.ReadContentAsync(entry.Document.Id, cancellationToken)).ConfigureAwait(false);
        return new ReadResourceResult { Contents = [McpShapes.Contents(content)] };
    }

    /// <summary>A URI no concrete resource has, resolved through the first template (RFC 6570) it matches.</summary>
    private async ValueTask<ReadResourceResult> ReadFromTemplateAsync(
        RequestContext<ReadResourceRequestParams> request, string uri, CancellationToken cancellationToken)
    {
        foreach (var (template, values) in await TemplatesMatchingAsync(uri, cancellationToken).ConfigureAwait(false))
        {
            if (template.GatewayId is { } gatewayId)
            {
                return await CountedAsync(() => services.Federated.ReadResourceAsync(gatewayId, request, cancellationToken), Resource(template)).ConfigureAwait(false);
            }

            if (await resources.ReadTemplateAsync(template, values, cancellationToken).ConfigureAwait(false) is { } text)
            {
                return new ReadResourceResult { Contents = [new TextResourceContents { Uri = uri, MimeType = template.MimeType ?? "text/plain", Text = text }] };
            }
        }

        // 2026-07-28 reports an unknown resource as invalid params; earlier revisions have a dedicated code. Either way
        // the error names the URI (SEP-2164).
        throw new McpProtocolException(
            $"Resource not found: '{uri}'.",
            ProtocolRevisions.IsStateless(request.Server.NegotiatedProtocolVersion) ? McpErrorCode.InvalidParams : McpErrorCode.ResourceNotFound)
        {
            Data = { ["uri"] = uri },
        };
    }

    /// <summary>Kept with the session; a federated resource's upstream is subscribed too, so that its updates come through.</summary>
    private async ValueTask<EmptyResult> SubscribeAsync(RequestContext<SubscribeRequestParams> request, CancellationToken cancellationToken)
    {
        var uri = request.Params?.Uri ?? throw new McpProtocolException("resources/subscribe needs a uri.", McpErrorCode.InvalidParams);
        if (await FederatingGatewayAsync(uri, cancellationToken).ConfigureAwait(false) is { } gatewayId)
        {
            await services.Subscriptions.SubscribeAsync(gatewayId, uri, cancellationToken).ConfigureAwait(false);
        }

        await services.Sessions.SubscribeAsync(RequireSession(), uri, cancellationToken).ConfigureAwait(false);
        return new EmptyResult();
    }

    /// <summary>The peer gateway a URI's resource, or the first template it matches, comes from, if federated.</summary>
    private async Task<string?> FederatingGatewayAsync(string uri, CancellationToken cancellationToken)
    {
        if (await catalog.FindResourceAsync(scope, uri, cancellationToken).ConfigureAwait(false) is { Document.IsTemplate: false } entry)
        {
            return entry.Document.GatewayId;
        }

        return (await TemplatesMatchingAsync(uri, cancellationToken).ConfigureAwait(false)).FirstOrDefault().Template?.GatewayId;
    }

    /// <summary>The scope's templates (RFC 6570) that <paramref name="uri"/> matches, in order, with the values it gives them.</summary>
    private async Task<List<(ResourceRecord Template, IReadOnlyDictionary<string, string> Values)>> TemplatesMatchingAsync(
        string uri, CancellationToken cancellationToken) =>
        [.. (await catalog.ResourceTemplatesAsync(scope, cancellationToken).ConfigureAwait(false))
            .Select(template => (Template: template, Values: UriTemplateMatcher.Match(template.UriTemplate!, uri)))
            .Where(match => match.Values is not null)
            .Select(match => (match.Template, match.Values!))];

    private async ValueTask<EmptyResult> UnsubscribeAsync(RequestContext<UnsubscribeRequestParams> request, CancellationToken cancellationToken)
    {
        var uri = request.Params?.Uri ?? throw new McpProtocolException("resources/unsubscribe needs a uri.", McpErrorCode.InvalidParams);
        await services.Sessions.UnsubscribeAsync(RequireSession(), uri, cancellationToken).ConfigureAwait(false);
        return new EmptyResult();
    }

    private async ValueTask<ListPromptsResult> ListPromptsAsync(RequestContext<ListPromptsRequestParams> request, CancellationToken cancellationToken)
    {
        var (page, next) = await catalog.PromptPageAsync(scope, request.Params?.Cursor, cancellationToken).ConfigureAwait(false);
        return new ListPromptsResult { Prompts = page.Select(McpShapes.Prompt).ToList(), NextCursor = next };
    }

    private async ValueTask<GetPromptResult> GetPromptAsync(RequestContext<GetPromptRequestParams> request, CancellationToken cancellationToken)
    {
        var name = request.Params?.Name ?? throw new McpProtocolException("prompts/get needs a prompt name.", McpErrorCode.InvalidParams);
        var prompt = await catalog.FindPromptAsync(scope, name, cancellationToken).ConfigureAwait(false)
            ?? throw new McpProtocolException($"Unknown prompt: '{name}'.", McpErrorCode.InvalidParams);
        if (prompt.GatewayId is not null)
        {
            return await CountedAsync(() => services.Federated.GetPromptAsync(prompt, request, cancellationToken), new MeasuredItem(CatalogKind.Prompts.Singular, prompt.Id)).ConfigureAwait(false);
        }

        var arguments = JsonSerializer.SerializeToElement(request.Params.Arguments ?? new Dictionary<string, JsonElement>());
        try
        {
            var result = await CountedAsync(() => prompts.GetPromptAsync(prompt.Id, arguments, cancellationToken)).ConfigureAwait(false);
            return new GetPromptResult { Description = result.Description, Messages = result.Messages.Select(McpShapes.Message).ToList() };
        }
        catch (ApiProblem problem) when (problem.Status == 422)
        {
            throw new McpProtocolException(problem.Message, McpErrorCode.InvalidParams);
        }
    }

    private async ValueTask<CompleteResult> CompleteAsync(RequestContext<CompleteRequestParams> request, CancellationToken cancellationToken)
    {
        var parameters = request.Params ?? throw new McpProtocolException("completion/complete needs params.", McpErrorCode.InvalidParams);
        if (parameters.Ref is PromptReference reference && parameters.Argument is { } argument
            && await catalog.FindPromptAsync(scope, reference.Name, cancellationToken).ConfigureAwait(false) is { GatewayId: { } gatewayId } prompt)
        {
            var upstreamReference = new PromptReference { Name = prompt.OriginalName ?? prompt.Name };
            return await services.Federated.CompleteAsync(gatewayId, upstreamReference, argument, cancellationToken).ConfigureAwait(false);
        }

        var values = await services.Completions.CompleteAsync(scope, parameters.Ref, parameters.Argument, cancellationToken).ConfigureAwait(false);
        return new CompleteResult { Completion = CompletionProvider.ToCompletion(values) };
    }

    /// <summary>
    /// Runs a read or render, counting it for <paramref name="items"/> (a federated item, whose upstream records nothing
    /// of ours; a local one records its metrics itself) and for the virtual server when the request came through one
    /// (tool calls are counted by <see cref="ToolCallService"/>).
    /// </summary>
    private Task<T> CountedAsync<T>(Func<Task<T>> operation, params MeasuredItem[] items) =>
        services.Metrics.MeasureAsync(scope.ServerId is { } serverId ? [.. items, new(CatalogKind.Servers.Singular, serverId)] : items, operation);

    private static MeasuredItem Resource(ResourceRecord resource) => new(CatalogKind.Resources.Singular, resource.Id);

    private string RequireSession() =>
        sessionId ?? throw new McpProtocolException("Resource subscriptions need a session (initialize first).", McpErrorCode.InvalidRequest);
}
