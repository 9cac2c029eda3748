using Azure;
using McpGateway.Shared.Http;

namespace McpGateway.Shared.Storage;

/// <summary>Recognises failures that mean "storage cannot be reached right now".</summary>
public static class StorageFailure
{
    public static bool IsOutage(Exception exception) => exception switch
    {
        RequestFailedException { Status: 0 or >= 500 } => true,
        HttpRequestException => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(IsOutage),
        TaskCanceledException { InnerException: TimeoutException } => true,
        _ => false,
    };

    public static ApiProblem ToProblem(int retryAfterSeconds) =>
        ApiProblem.Unavailable("Catalog storage is unavailable; nothing was changed. Retry later.", retryAfterSeconds);
}
