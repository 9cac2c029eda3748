using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace McpGateway.Host.Tests;

/// <summary>Small helpers for talking JSON to the gateway's REST API and its MCP endpoints.</summary>
public static class ApiClientExtensions
{
    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, string json) =>
        client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string path, string json) =>
        client.PutAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

    public static async Task<JsonNode> ReadJsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))
        ?? throw new InvalidOperationException("The response body is JSON null.");

    /// <summary>Asserts the status and returns the body as JSON (failing with the body's text otherwise).</summary>
    public static async Task<JsonNode> ExpectAsync(this HttpResponseMessage response, System.Net.HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == status, $"Expected {(int)status} but got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }

    /// <summary>Asserts an RFC 9457 problem response with the status, and returns it.</summary>
    public static async Task<JsonNode> ExpectProblemAsync(this HttpResponseMessage response, System.Net.HttpStatusCode status)
    {
        var problem = await response.ExpectAsync(status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(problem["detail"]?.GetValue<string>()));
        return problem;
    }

    /// <summary>
    /// A stateless (2026-07-28) POST of a JSON-RPC <paramref name="body"/> to an MCP endpoint, with the routing headers
    /// that repeat its method and (for tools/call, prompts/get, resources/read) its <paramref name="routingName"/>.
    /// </summary>
    public static async Task<HttpResponseMessage> PostStatelessMcpAsync(this HttpClient client, string path, string body, string method, string? routingName)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Accept", "application/json, text/event-stream");
        request.Headers.TryAddWithoutValidation("MCP-Protocol-Version", "2026-07-28");
        request.Headers.TryAddWithoutValidation("Mcp-Method", method);
        if (routingName is not null)
        {
            request.Headers.TryAddWithoutValidation("Mcp-Name", routingName);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static string Json(object value) => JsonSerializer.Serialize(value);
}
