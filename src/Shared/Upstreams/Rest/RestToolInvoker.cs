using System.Security.Cryptography;
using System.Text.Json;
using McpGateway.Shared.Catalog.Credentials;
using McpGateway.Shared.Catalog.Tools;
using McpGateway.Shared.Upstreams.Outbound;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using Polly;

namespace McpGateway.Shared.Upstreams.Rest;

/// <summary>
/// Calls a REST tool: builds the HTTP request from the arguments, sends it through the tool's resilience pipeline
/// and turns the answer into an MCP tool result. Every failure is an error result (<c>IsError</c>) saying what went
/// wrong, never an exception; only the caller's own cancellation is thrown. Arguments are not checked against the
/// input schema here: callers do that first with <see cref="ToolArgumentValidator"/>, for every kind of tool.
/// </summary>
public sealed class RestToolInvoker(
    IHttpClientFactory httpClientFactory, AuthCodec authCodec, RestPipelineProvider pipelines, TimeProvider time, ILogger<RestToolInvoker> logger)
{
    /// <summary>The name of the <see cref="HttpClient"/> REST tools are called with.</summary>
    public const string HttpClientName = "rest-tools";

    public async Task<CallToolResult> InvokeAsync(ToolRecord tool, IDictionary<string, JsonElement>? arguments, CancellationToken cancellationToken)
    {
        if (tool.IntegrationType != ToolService.Rest)
        {
            throw new ArgumentException($"The tool '{tool.Name}' is a {tool.IntegrationType} tool, not a REST tool.", nameof(tool));
        }

        IReadOnlyDictionary<string, string> authHeaders = new Dictionary<string, string>();
        var attempts = 0;
        try
        {
            authHeaders = tool.Auth is null ? authCodec.UrlHeaders(tool.Url, tool.UrlPassword) : authCodec.Headers(tool.Auth);

            var request = RestRequestBuilder.Build(tool, arguments, authHeaders);
            var client = httpClientFactory.CreateClient(HttpClientName);
            var response = await pipelines.For(tool.Id).ExecuteAsync(
                async token =>
                {
                    attempts++;
                    using var message = request.CreateMessage();
                    using var answer = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
                    return await RestResponse.ReadAsync(answer, time, token).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);

            return RestResultConverter.FailureOf(response, attempts) is { } failure
                ? Fail(tool, Redact(failure, authHeaders))
                : RestResultConverter.ToResult(tool, response);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (CryptographicException)
        {
            return Fail(tool, "The tool's stored credentials cannot be decrypted; AUTH_ENCRYPTION_SECRET may have changed since they were saved.");
        }
        catch (RestToolException ex)
        {
            return Fail(tool, ex.Message);
        }
        catch (ExecutionRejectedException ex)
        {
            return Fail(tool, $"The call was not completed: {pipelines.Describe(ex)}.");
        }
        catch (HttpRequestException ex) when (OutboundRefusedException.FindIn(ex) is { } refused)
        {
            return Fail(tool, $"The gateway did not connect: {refused.Message}.");
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            var tries = attempts > 1 ? $" after {attempts} attempts" : string.Empty;
            return Fail(tool, Redact($"The upstream could not be reached{tries}: {ex.Message}", authHeaders));
        }
        catch (Exception ex)
        {
            // Whatever else goes wrong is still the tool's failure, reported as a result rather than a protocol error.
            logger.LogError(ex, "REST tool {ToolName} ({ToolId}) failed unexpectedly", tool.Name, tool.Id);
            return RestResultConverter.Error($"The call failed unexpectedly ({ex.GetType().Name}).");
        }
    }

    private CallToolResult Fail(ToolRecord tool, string message)
    {
        logger.LogWarning("REST tool {ToolName} ({ToolId}) failed: {Reason}", tool.Name, tool.Id, message);
        return RestResultConverter.Error(message);
    }

    /// <summary>Removes credentials an upstream may echo back (in an error body, say) from a message before it is shown or logged.</summary>
    private static string Redact(string message, IReadOnlyDictionary<string, string> authHeaders)
    {
        foreach (var value in authHeaders.Values)
        {
            // The whole value ("Bearer abc") and the credential after its scheme ("abc").
            foreach (var secret in new[] { value, value[(value.IndexOf(' ', StringComparison.Ordinal) + 1)..] }.Where(s => s.Length >= 4))
            {
                message = message.Replace(secret, AuthCodec.Mask, StringComparison.Ordinal);
            }
        }

        return message;
    }
}
