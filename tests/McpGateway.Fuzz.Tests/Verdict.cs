using System.Text.Json;
using System.Text.Json.Nodes;

namespace McpGateway.Fuzz.Tests;

/// <summary>
/// What every answer must be: an answer (no reset connection, no time-out), never a 5xx, and a 4xx that says what is
/// wrong (problem details or a JSON-RPC error with a message).
/// </summary>
public static class Verdict
{
    /// <returns>The status of the answer.</returns>
    public static async Task<int> SendAsync(HttpClient client, FuzzRequest request, CancellationToken cancellationToken)
    {
        using var message = request.ToMessage();
        try
        {
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (status < 300 && mediaType == "text/event-stream")
            {
                // A stream may stay open (GET /events, a session's GET): its status and headers are the answer.
                return status;
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (status >= 500)
            {
                Assert.Fail($"{status} {response.ReasonPhrase}: {body}");
            }

            if (status >= 400 && request.Method != "HEAD" && !SaysWhatIsWrong(mediaType, body)) // a HEAD answer has no body
            {
                Assert.Fail($"{status} without a problem or a JSON-RPC error message: '{body}' ({response.Content.Headers.ContentType})");
            }

            return status;
        }
        catch (HttpRequestException ex)
        {
            Assert.Fail($"The connection failed instead of answering: {ex.HttpRequestError}: {ex.Message}");
            throw;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"No answer within {client.Timeout.TotalSeconds} s.");
            throw;
        }
    }

    private static bool SaysWhatIsWrong(string? mediaType, string body)
    {
        var json = mediaType == "text/event-stream"
            ? body.Split('\n').LastOrDefault(line => line.StartsWith("data:", StringComparison.Ordinal))?[5..]
            : body;
        try
        {
            return JsonNode.Parse(json ?? string.Empty) switch
            {
                JsonObject answer => HasText(answer["detail"]) || HasText(answer["error"]?["message"]),
                JsonArray answers => answers.Any(answer => HasText(answer?["error"]?["message"])),
                _ => false,
            };
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool HasText(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) && text.Trim().Length > 0;
}
