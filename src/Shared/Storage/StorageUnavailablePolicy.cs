using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace McpGateway.Shared.Storage;

/// <summary>
/// Runs around each storage call, outside the client's retries: a call that still fails for want of storage (the
/// connection refused or reset, a network timeout, a 5xx answer) becomes a <see cref="StorageUnavailableException"/>,
/// so every caller sees the one domain failure rather than whichever exception the transport chose.
/// </summary>
internal sealed class StorageUnavailablePolicy : HttpPipelinePolicy
{
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            ProcessNext(message, pipeline);
        }
        catch (Exception ex) when (IsUnreachable(ex, message))
        {
            throw Unreachable(message, ex);
        }

        ThrowIfServerFailed(message);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUnreachable(ex, message))
        {
            throw Unreachable(message, ex);
        }

        ThrowIfServerFailed(message);
    }

    /// <summary>Failures of the connection itself; a cancellation the caller did not ask for is a network timeout.</summary>
    private static bool IsUnreachable(Exception exception, HttpMessage message) => exception switch
    {
        RequestFailedException { Status: 0 } or HttpRequestException or IOException => true,
        OperationCanceledException => !message.CancellationToken.IsCancellationRequested,
        AggregateException retries => retries.InnerExceptions.All(inner => IsUnreachable(inner, message)),
        _ => false,
    };

    private static StorageUnavailableException Unreachable(HttpMessage message, Exception exception) =>
        new($"Storage did not answer {message.Request.Method} {message.Request.Uri.Host}.", exception);

    private static void ThrowIfServerFailed(HttpMessage message)
    {
        if (message.Response.Status >= 500)
        {
            throw new StorageUnavailableException(
                $"Storage answered {message.Request.Method} {message.Request.Uri.Host} with {message.Response.Status} {message.Response.ReasonPhrase}.");
        }
    }
}
