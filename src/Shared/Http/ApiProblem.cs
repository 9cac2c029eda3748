using McpGateway.Shared.Storage;
using Microsoft.AspNetCore.Http;

namespace McpGateway.Shared.Http;

/// <summary>
/// A failure that the REST API reports to the caller as an RFC 9457 problem document.
/// Thrown from services and turned into a response by <see cref="RouteDispatcher"/>.
/// </summary>
public sealed class ApiProblem : Exception
{
    private ApiProblem(int status, string title, string detail, string? field = null)
        : base(detail)
    {
        Status = status;
        Title = title;
        Field = field;
    }

    public int Status { get; }

    public string Title { get; }

    /// <summary>The request field the problem concerns, as the client spelled it (snake_case or camelCase).</summary>
    public string? Field { get; }

    /// <summary>Seconds after which a retry may succeed; sent as Retry-After.</summary>
    public int? RetryAfterSeconds { get; private init; }

    public static ApiProblem NotFound(string detail) => new(StatusCodes.Status404NotFound, "Not Found", detail);

    public static ApiProblem Forbidden(string detail) => new(StatusCodes.Status403Forbidden, "Forbidden", detail);

    public static ApiProblem Conflict(string detail, string? field = null) => new(StatusCodes.Status409Conflict, "Conflict", detail, field);

    public static ApiProblem Invalid(string field, string detail) => new(StatusCodes.Status422UnprocessableEntity, "Validation Failed", detail, field);

    public static ApiProblem BadRequest(string detail) => new(StatusCodes.Status400BadRequest, "Bad Request", detail);

    public static ApiProblem TooLarge(string detail) => new(StatusCodes.Status413PayloadTooLarge, "Payload Too Large", detail);

    public static ApiProblem UnsupportedMediaType(string detail) => new(StatusCodes.Status415UnsupportedMediaType, "Unsupported Media Type", detail);

    public static ApiProblem PreconditionFailed(string detail) => new(StatusCodes.Status412PreconditionFailed, "Precondition Failed", detail);

    public static ApiProblem BadGateway(string detail) => new(StatusCodes.Status502BadGateway, "Bad Gateway", detail);

    public static ApiProblem TooManyRequests(string detail, int retryAfterSeconds) =>
        new(StatusCodes.Status429TooManyRequests, "Too Many Requests", detail) { RetryAfterSeconds = retryAfterSeconds };

    public static ApiProblem Unavailable(string detail, int retryAfterSeconds) =>
        new(StatusCodes.Status503ServiceUnavailable, "Service Unavailable", detail) { RetryAfterSeconds = retryAfterSeconds };

    /// <summary>The problem a REST caller gets for an operation a catalog table refused.</summary>
    public static ApiProblem For(CatalogStorageException refusal) => refusal switch
    {
        CatalogItemNotFoundException => NotFound(refusal.Message),
        UniqueKeyConflictException conflict => Conflict(refusal.Message, conflict.Key?.Kind),
        ItemChangedException => PreconditionFailed(refusal.Message),
        WriteContentionException => Conflict(refusal.Message),
        InvalidItemIdException => Invalid("id", refusal.Message),
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal.GetType().Name, "No problem is defined for this refusal."),
    };

    /// <summary>How every path reports that storage cannot be reached (see <see cref="StorageUnavailableException"/>).</summary>
    public static ApiProblem StorageUnavailable(int retryAfterSeconds) =>
        Unavailable($"Storage is unavailable; retry after {retryAfterSeconds} s.", retryAfterSeconds);
}
