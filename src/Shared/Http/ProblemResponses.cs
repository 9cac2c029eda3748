using Microsoft.AspNetCore.Http;

namespace McpGateway.Shared.Http;

/// <summary>Builds RFC 9457 problem responses (application/problem+json).</summary>
public static class ProblemResponses
{
    public static IResult From(ApiProblem problem, HttpContext context)
    {
        if (problem.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var extensions = problem.Field is null ? null : new Dictionary<string, object?> { ["field"] = problem.Field };
        return Create(problem.Status, problem.Title, problem.Message, context, extensions);
    }

    public static IResult Create(int status, string title, string detail, HttpContext context, IDictionary<string, object?>? extensions = null) =>
        Results.Problem(
            detail: detail,
            instance: context.Request.Path,
            statusCode: status,
            title: title,
            type: $"https://httpstatuses.io/{status}",
            extensions: extensions);
}
