using System.Net;
using System.Text;
using McpGateway.Shared.Http;

namespace McpGateway.Shared.Upstreams.Rest;

/// <summary>
/// An upstream's answer, read completely inside the attempt that received it: the retry and circuit-breaker
/// strategies judge it by status and Retry-After, and nothing needs disposing once it is passed on.
/// </summary>
internal sealed record RestResponse(HttpStatusCode Status, string? ReasonPhrase, string Body, bool TooLarge, TimeSpan? RetryAfter)
{
    /// <summary>Largest upstream body kept in memory; a tool result is meant for a model's context window.</summary>
    public const int MaxBodyBytes = 16 * 1024 * 1024;

    public bool IsSuccess => (int)Status is >= 200 and <= 299;

    public static async Task<RestResponse> ReadAsync(HttpResponseMessage response, TimeProvider time, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var bytes = await BoundedRead.ReadAllAsync(stream, MaxBodyBytes, cancellationToken, response.Content.Headers.ContentLength).ConfigureAwait(false);
            return new RestResponse(
                response.StatusCode,
                response.ReasonPhrase,
                bytes is null ? string.Empty : CharsetOf(response).GetString(bytes).TrimStart('\uFEFF'),
                bytes is null,
                RetryAfterOf(response, time));
        }
    }

    private static Encoding CharsetOf(HttpResponseMessage response)
    {
        var charset = response.Content.Headers.ContentType?.CharSet?.Trim('"');
        try
        {
            return string.IsNullOrEmpty(charset) ? Encoding.UTF8 : Encoding.GetEncoding(charset);
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8;
        }
    }

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response, TimeProvider time) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta < TimeSpan.Zero ? TimeSpan.Zero : delta,
        { Date: { } date } => date - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };
}
