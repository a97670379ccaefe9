using Gurukul.Platform.Localization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;

namespace Gurukul.Platform.Errors;

public static class ErrorSetup
{
    public static IServiceCollection AddGurukulErrors(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            // Lets support staff find the log lines of a failed request from what the user saw.
            problem.Extensions["requestId"] = context.HttpContext.TraceIdentifier;
            // The framework types the common codes by their RFC section; these two it leaves untyped.
            problem.Type ??= problem.Status switch
            {
                StatusCodes.Status414UriTooLong => "https://tools.ietf.org/html/rfc9110#section-15.5.15",
                StatusCodes.Status429TooManyRequests => "https://tools.ietf.org/html/rfc6585#section-4",
                _ => null,
            };
            // After an exception the request path was rewritten to /error; name the path the client called.
            problem.Instance ??= context.HttpContext.Features.Get<IExceptionHandlerFeature>()?.Path ?? context.HttpContext.Request.Path;
            // Bodies made for bare status codes (unknown route, 401 …) carry the English reason phrase: say it in the caller's language.
            if (problem.Status is { } status && IsFrameworkTitle(problem.Title, status))
            {
                var text = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<Strings>>();
                if (text[$"problem.{status}.title"] is { ResourceNotFound: false } localized)
                {
                    problem.Title = localized;
                }

                if (problem.Detail is null && text[$"problem.{status}.detail"] is { ResourceNotFound: false } detail)
                {
                    problem.Detail = detail;
                }
            }
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        // Malformed JSON and wrong content types reach the exception handler, so they get the same problem shape.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }

    public static WebApplication UseGurukulErrors(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error",
            CreateScopeForErrors = true,
            // Client mistakes and domain refusals are answers, not faults: keep them out of the error log.
            SuppressDiagnosticsCallback = context => ProblemMapping.IsExpected(context.Exception),
        });

        // Empty error responses (unknown route, wrong method, 401/403 from authorization) get a body:
        // problem details under /api, a friendly page everywhere else.
        app.UseWhen(context => ApiRequests.IsApi(context.Request), api => api.UseStatusCodePages());
        app.UseWhen(context => !ApiRequests.IsApi(context.Request),
            ui => ui.UseStatusCodePagesWithReExecute("/error/{0}", createScopeForStatusCodePages: true));
        app.UseNulCharacterRefusal();
        return app;
    }

    // The framework titles bare status codes with the HTTP reason phrase, or for some codes with RFC 9110's newer
    // name ("Content Too Large" where the reason phrase still says "Payload Too Large"), and leaves codes it has no
    // default for (414, 429) untitled.
    private static bool IsFrameworkTitle(string? title, int status) =>
        title is null || title == ReasonPhrases.GetReasonPhrase(status) || (status, title) is (StatusCodes.Status413PayloadTooLarge, "Content Too Large")
            or (StatusCodes.Status422UnprocessableEntity, "Unprocessable Content");

    /// <summary>
    /// The status the error page should show: the re-executed status code, or after an exception the status its problem
    /// would have (a bad request from the client stays a 400, not a 500).
    /// </summary>
    public static int OriginalStatus(HttpContext context) =>
        context.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalStatusCode
        ?? (context.Features.Get<IExceptionHandlerFeature>() is { } failure ? ProblemMapping.StatusFor(failure.Error) : context.Response.StatusCode);
}
