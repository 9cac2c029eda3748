using McpGateway.Shared.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace McpGateway.Functions;

public sealed class PromptFunctions(RouteDispatcher dispatcher) : GatewayFunctions(dispatcher)
{
    [Function("prompts")]
    public Task<IResult> Prompts([HttpTrigger(AuthorizationLevel.Anonymous, Route = "prompts")] HttpRequest request) => DispatchAsync("prompts", request);

    [Function("prompts-item")]
    public Task<IResult> Prompt([HttpTrigger(AuthorizationLevel.Anonymous, Route = "prompts/{id}")] HttpRequest request, string id) =>
        DispatchAsync("prompts-item", request, id);

    [Function("prompts-toggle")]
    public Task<IResult> Toggle([HttpTrigger(AuthorizationLevel.Anonymous, Route = "prompts/{id}/toggle")] HttpRequest request, string id) =>
        DispatchAsync("prompts-toggle", request, id);

    [Function("prompts-state")]
    public Task<IResult> State([HttpTrigger(AuthorizationLevel.Anonymous, Route = "prompts/{id}/state")] HttpRequest request, string id) =>
        DispatchAsync("prompts-state", request, id);

    [Function("prompts-info")]
    public Task<IResult> Info([HttpTrigger(AuthorizationLevel.Anonymous, Route = "prompts/{id}/info")] HttpRequest request, string id) =>
        DispatchAsync("prompts-info", request, id);

    [Function("prompts-versions")]
    public Task<IResult> Versions([HttpTrigger(AuthorizationLevel.Anonymous, Route = "prompts/{id}/versions")] HttpRequest request, string id) =>
        DispatchAsync("prompts-versions", request, id);

    [Function("prompts-rollback")]
    public Task<IResult> Rollback(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = "prompts/{id}/versions/{version}/rollback")] HttpRequest request, string id, string version) =>
        DispatchAsync("prompts-rollback", request, new Dictionary<string, string?> { ["id"] = id, ["version"] = version });

    [Function("prompts-preview")]
    public Task<IResult> Preview([HttpTrigger(AuthorizationLevel.Anonymous, Route = "prompts/{id}/preview")] HttpRequest request, string id) =>
        DispatchAsync("prompts-preview", request, id);

    [Function("prompts-draft-preview")]
    public Task<IResult> DraftPreview([HttpTrigger(AuthorizationLevel.Anonymous, Route = "prompts/preview")] HttpRequest request) =>
        DispatchAsync("prompts-draft-preview", request);
}
