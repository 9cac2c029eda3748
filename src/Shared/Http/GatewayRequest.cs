using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using McpGateway.Shared.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace McpGateway.Shared.Http;

/// <summary>The request as a route handler sees it: route values, query, body and services.</summary>
public sealed class GatewayRequest(HttpContext http, IReadOnlyDictionary<string, string?> routeValues)
{
    public HttpContext Http { get; } = http;

    public CancellationToken Aborted => Http.RequestAborted;

    public T Service<T>()
        where T : notnull => Http.RequestServices.GetRequiredService<T>();

    /// <summary>A route value, with an encoded slash (%2F, kept encoded by servers) decoded.</summary>
    public string RouteValue(string name) =>
        routeValues.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value)
            ? value.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase)
            : throw ApiProblem.BadRequest($"The route value '{name}' is missing.");

    /// <summary>A route value that may be absent or empty (a catch-all's rest of the path), or null.</summary>
    public string? OptionalRouteValue(string name) =>
        routeValues.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    public string? Query(string name)
    {
        var value = Http.Request.Query[name];
        return value.Count == 0 ? null : value.ToString();
    }

    public bool QueryFlag(string name, bool defaultValue)
    {
        var text = Query(name);
        if (text is null || text.Length == 0)
        {
            return defaultValue;
        }

        return text.ToLowerInvariant() switch
        {
            "true" or "1" or "yes" => true,
            "false" or "0" or "no" => false,
            _ => throw ApiProblem.Invalid(name, $"The query parameter '{name}' must be true or false, not '{text}'."),
        };
    }

    public int? QueryInt(string name, int min, int max)
    {
        var text = Query(name);
        if (text is null || text.Length == 0)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw ApiProblem.Invalid(name, $"The query parameter '{name}' must be a whole number from {min} to {max}.");
        }

        return value;
    }

    /// <summary>The tags named by <c>?tags=a,b</c> (repeatable), or empty.</summary>
    public IReadOnlyList<string> QueryList(string name) =>
        Http.Request.Query[name]
            .SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .ToArray();

    /// <summary>
    /// Reads the JSON body as <typeparamref name="T"/>: bare or wrapped as <c>{"<paramref name="wrapper"/>": {...}}</c>,
    /// with snake_case or camelCase member names. <paramref name="nestedObjects"/> names members whose own keys are
    /// renamed too.
    /// </summary>
    public async Task<T> ReadBodyAsync<T>(string wrapper, IReadOnlySet<string>? nestedObjects = null)
    {
        var body = await ReadJsonObjectAsync().ConfigureAwait(false);
        if (body[wrapper] is JsonObject wrapped)
        {
            body = (JsonObject)wrapped.DeepClone();
        }

        var normalized = FieldNames.Normalize(body, nestedObjects ?? EmptySet);
        try
        {
            return normalized.Deserialize<T>(GatewayJson.Options)
                ?? throw ApiProblem.Invalid("body", "The request body must be a JSON object.");
        }
        catch (JsonException ex)
        {
            var field = ex.Path is { Length: > 2 } path ? path[2..] : "body";
            throw ApiProblem.Invalid(field, $"The field '{field}' has the wrong type or format.");
        }
    }

    /// <summary>Reads the body as a JSON object, enforcing the content type and MAX_REQUEST_BODY_SIZE.</summary>
    public async Task<JsonObject> ReadJsonObjectAsync()
    {
        var node = await ReadJsonAsync().ConfigureAwait(false);
        return node as JsonObject ?? throw ApiProblem.Invalid("body", "The request body must be a JSON object.");
    }

    /// <summary>Reads the body as JSON of any shape, or null when there is no body.</summary>
    public async Task<JsonNode?> ReadJsonAsync()
    {
        var request = Http.Request;
        if (request.ContentType is { } contentType && !IsJson(contentType))
        {
            throw ApiProblem.UnsupportedMediaType($"The request body must be application/json, not '{contentType}'.");
        }

        var limit = Service<IOptions<ApiOptions>>().Value.MaxRequestBodySize;
        var bytes = await BoundedRead.ReadAllAsync(request.Body, limit, Aborted, request.ContentLength).ConfigureAwait(false)
            ?? throw ApiProblem.TooLarge($"The request body is larger than MAX_REQUEST_BODY_SIZE ({limit} bytes).");
        if (bytes.Length == 0)
        {
            return null;
        }

        try
        {
            return StrictJson.Parse(bytes);
        }
        catch (MalformedJsonException ex)
        {
            throw ApiProblem.BadRequest($"The request body is not valid JSON: {ex.Message}");
        }
    }

    private static bool IsJson(string contentType)
    {
        var mediaType = contentType.Split(';', 2)[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    private static readonly IReadOnlySet<string> EmptySet = new HashSet<string>();
}
