using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Gurukul.Platform.Web;

/// <summary>
/// Adds to each API operation the error answers it can give by the way the app is built, so that no endpoint has to
/// repeat them and none can forget them: 401 and 403 from its authorization metadata, 400/413/415 from what it binds,
/// 404 when its path names something, 429 when it is rate limited. What only a service knows (409 on a conflict, 404 for
/// "not yours", 401 for a wrong password) each endpoint declares itself with <c>ProducesProblem</c>. Every error is RFC 9457
/// problem details (<c>ProblemMapping</c>, and the status-code pages for bare status codes), so an error the endpoint
/// declared without a body type gets the problem schema too. docs/adr/0019-a-truthful-openapi-document.md.
/// </summary>
internal sealed class DerivedErrorResponses(IOptions<AuthorizationOptions> authorization) : IApiDescriptionProvider
{
    public const string ProblemMediaType = "application/problem+json";

    // After the minimal-API provider (-1100) has described the endpoints.
    public int Order => 0;

    private static readonly Dictionary<int, string> Reasons = new()
    {
        [StatusCodes.Status400BadRequest] = "The request is malformed or a value is invalid; `errors` maps each field path to its messages.",
        [StatusCodes.Status401Unauthorized] = "Not signed in (no valid session cookie or bearer token), or the credentials are wrong.",
        [StatusCodes.Status403Forbidden] = "Signed in, but not allowed: a role this operation needs is missing (staff also need two-factor sign-in), or the rules forbid it.",
        [StatusCodes.Status404NotFound] = "Not found, or not the caller's to see.",
        [StatusCodes.Status409Conflict] = "Conflicts with the current state; `detail` says why.",
        [StatusCodes.Status413PayloadTooLarge] = "The request or its file is larger than allowed.",
        [StatusCodes.Status415UnsupportedMediaType] = "The body is not of a media type this operation reads.",
        [StatusCodes.Status422UnprocessableEntity] = "Well-formed, but cannot be processed as sent; `detail` says why.",
        [StatusCodes.Status429TooManyRequests] = "Too many attempts: try again after the number of seconds in `Retry-After`.",
    };

    public void OnProvidersExecuting(ApiDescriptionProviderContext context)
    {
        foreach (var description in context.Results)
        {
            Describe(description, authorization.Value);
        }
    }

    public void OnProvidersExecuted(ApiDescriptionProviderContext context)
    {
    }

    private static void Describe(ApiDescription description, AuthorizationOptions authorization)
    {
        foreach (var declared in description.SupportedResponseTypes.Where(r => r.StatusCode >= 400))
        {
            if (declared.Type is null || declared.Type == typeof(void))
            {
                declared.Type = typeof(ProblemDetails);
                declared.ApiResponseFormats = [new ApiResponseFormat { MediaType = ProblemMediaType }];
            }

            declared.Description ??= Reasons.GetValueOrDefault(declared.StatusCode);
        }

        var metadata = description.ActionDescriptor.EndpointMetadata;
        var parameters = description.ParameterDescriptions;
        var hasBody = parameters.Any(p => p.Source == BindingSource.Body || p.Source == BindingSource.Form || p.Source == BindingSource.FormFile);
        if (hasBody || parameters.Any(CanFailBinding))
        {
            Add(description, StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails));
        }

        var access = EndpointAccess.Of([.. metadata], authorization);
        if (access.SignInRequired)
        {
            Add(description, StatusCodes.Status401Unauthorized, typeof(ProblemDetails));
        }

        if (access.CanForbid)
        {
            Add(description, StatusCodes.Status403Forbidden, typeof(ProblemDetails));
        }

        if (parameters.Any(p => p.Source == BindingSource.Path))
        {
            Add(description, StatusCodes.Status404NotFound, typeof(ProblemDetails));
        }

        if (hasBody)
        {
            Add(description, StatusCodes.Status413PayloadTooLarge, typeof(ProblemDetails));
            Add(description, StatusCodes.Status415UnsupportedMediaType, typeof(ProblemDetails));
        }

        if (metadata.OfType<EnableRateLimitingAttribute>().Any() && !metadata.OfType<DisableRateLimitingAttribute>().Any())
        {
            Add(description, StatusCodes.Status429TooManyRequests, typeof(ProblemDetails));
        }
    }

    /// <summary>A parameter binding can refuse: a missing required value, or text that is not a number, date, … of its type.</summary>
    private static bool CanFailBinding(ApiParameterDescription parameter) =>
        parameter.Source != BindingSource.Services && parameter.Source != BindingSource.Special
        && ((parameter.IsRequired && parameter.Source != BindingSource.Path) || (parameter.Type is { } type && (Nullable.GetUnderlyingType(type) ?? type) != typeof(string)));

    private static void Add(ApiDescription description, int status, Type problemType)
    {
        if (description.SupportedResponseTypes.Any(r => r.StatusCode == status))
        {
            return;
        }

        description.SupportedResponseTypes.Add(new ApiResponseType
        {
            StatusCode = status,
            Type = problemType,
            Description = Reasons[status],
            ApiResponseFormats = [new ApiResponseFormat { MediaType = ProblemMediaType }],
        });
    }
}
