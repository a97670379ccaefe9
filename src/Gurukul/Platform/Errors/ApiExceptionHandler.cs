using Gurukul.Platform.Localization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Localization;

namespace Gurukul.Platform.Errors;

/// <summary>
/// Answers every exception on an API request with problem details. UI requests are left to the exception handler's
/// re-execution of <c>/error</c>, which renders a friendly, localized page.
/// </summary>
internal sealed class ApiExceptionHandler(IProblemDetailsService problems, IStringLocalizer<Strings> text) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // The middleware has already rewritten the path to /error for re-execution; decide on the original one. It is
        // already decoded: taken as-is, since decoding it again (the string-to-PathString conversion) throws on "%2500".
        var originalPath = httpContext.Features.Get<IExceptionHandlerFeature>()?.Path is { } failedPath ? new PathString(failedPath) : httpContext.Request.Path;
        if (!ApiRequests.IsApi(originalPath))
        {
            return false;
        }

        var problem = ProblemMapping.ToProblem(exception, text);
        if (exception switch { TooManyRequestsException tooMany => tooMany.RetryAfter, ServiceUnavailableException unavailable => unavailable.RetryAfter, _ => (TimeSpan?)null } is { } retryAfter)
        {
            httpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }
}

public static class ApiRequests
{
    public static bool IsApi(HttpRequest request) => IsApi(request.Path);

    public static bool IsApi(PathString path) => path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
}
