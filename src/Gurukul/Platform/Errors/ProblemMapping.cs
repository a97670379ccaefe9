using System.Text.Json;
using Gurukul.Platform.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Gurukul.Platform.Errors;

/// <summary>The one place where errors become problem details: typed domain errors, bad requests and the unexpected.</summary>
public static class ProblemMapping
{
    public static ProblemDetails ToProblem(Exception exception, IStringLocalizer<Strings> text) => exception switch
    {
        ValidationException validation => new HttpValidationProblemDetails(validation.Errors.ToDictionary(e => e.Key, e => e.Value))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = text["problem.validation.title"],
        },
        UnauthorizedException unauthorized => new ProblemDetails
        {
            Status = StatusCodes.Status401Unauthorized,
            Title = text["problem.401.title"],
            Detail = unauthorized.Message,
            Extensions = { ["twoFactorRequired"] = unauthorized.TwoFactorRequired },
        },
        TooManyRequestsException tooMany => Problem(StatusCodes.Status429TooManyRequests, text["problem.429.title"], tooMany.Message),
        NotFoundException notFound => Problem(StatusCodes.Status404NotFound, text["problem.404.title"], notFound.Message),
        ConflictException conflict => Problem(StatusCodes.Status409Conflict, text["problem.409.title"], conflict.Message),
        ForbiddenException forbidden => Problem(StatusCodes.Status403Forbidden, text["problem.403.title"], forbidden.Message),
        PayloadTooLargeException tooLarge => Problem(StatusCodes.Status413PayloadTooLarge, text["problem.413.title"], tooLarge.Message),
        UnprocessableException unprocessable => Problem(StatusCodes.Status422UnprocessableEntity, text["problem.422.title"], unprocessable.Message),
        ServiceUnavailableException unavailable => Problem(StatusCodes.Status503ServiceUnavailable, text["problem.503.title"], unavailable.Message),
        BadHttpRequestException { InnerException: JsonException json } => new HttpValidationProblemDetails(
            new Dictionary<string, string[]> { [FieldPath(json.Path)] = [text["problem.json.field"]] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = text["problem.json.title"],
            Detail = text["problem.json.detail"],
        },
        BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } =>
            Problem(StatusCodes.Status415UnsupportedMediaType, text["problem.415.title"], text["problem.415.detail"]),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            Problem(StatusCodes.Status413PayloadTooLarge, text["problem.413.title"], text["problem.413.detail"]),
        BadHttpRequestException bad => Problem(bad.StatusCode, text["problem.400.title"], bad.Message),
        _ => Problem(StatusCodes.Status500InternalServerError, text["problem.500.title"], text["problem.500.detail"]),
    };

    /// <summary>The status <see cref="ToProblem"/> gives <paramref name="exception"/>, for error pages that need no body.</summary>
    public static int StatusFor(Exception exception) => exception switch
    {
        ValidationException => StatusCodes.Status400BadRequest,
        UnauthorizedException => StatusCodes.Status401Unauthorized,
        TooManyRequestsException => StatusCodes.Status429TooManyRequests,
        NotFoundException => StatusCodes.Status404NotFound,
        ConflictException => StatusCodes.Status409Conflict,
        ForbiddenException => StatusCodes.Status403Forbidden,
        PayloadTooLargeException => StatusCodes.Status413PayloadTooLarge,
        UnprocessableException => StatusCodes.Status422UnprocessableEntity,
        ServiceUnavailableException => StatusCodes.Status503ServiceUnavailable,
        BadHttpRequestException bad => bad.StatusCode,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>For endpoints that return typed results: <c>Results&lt;Ok&lt;T&gt;, ProblemHttpResult&gt;</c>.</summary>
    public static ProblemHttpResult ToResult(DomainException exception, IStringLocalizer<Strings> text) =>
        TypedResults.Problem(ToProblem(exception, text));

    public static bool IsExpected(Exception exception) => exception is DomainException or BadHttpRequestException;

    private static ProblemDetails Problem(int status, string title, string? detail) =>
        new() { Status = status, Title = title, Detail = detail };

    // System.Text.Json reports "$.guardian.email" or "$"; clients get "guardian.email", or "body" for the whole document.
    private static string FieldPath(string? jsonPath) =>
        jsonPath is null or "$" ? "body" : jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath;
}
