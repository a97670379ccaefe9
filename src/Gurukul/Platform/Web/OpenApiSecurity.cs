using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Gurukul.Platform.Web;

/// <summary>
/// The two ways to be signed in (API.md "Auth"): the session cookie the web UI uses and <c>Authorization: Bearer</c>. Each
/// operation that needs sign-in, by its authorization metadata, lists both as alternatives; a public one says
/// <c>security: []</c>. A 429 answer says how to read its <c>Retry-After</c>.
/// </summary>
internal sealed class OpenApiSecurity(IOptions<AuthorizationOptions> authorization, IOptionsMonitor<CookieAuthenticationOptions> cookies)
    : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public const string SessionCookie = "sessionCookie";
    public const string Bearer = "bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [SessionCookie] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Cookie,
                Name = cookies.Get(IdentityConstants.ApplicationScheme).Cookie.Name,
                Description = "The session cookie set by signing in on the web pages.",
            },
            [Bearer] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The `accessToken` from register, login or refresh, as `Authorization: Bearer <accessToken>`.",
            },
        };
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var access = EndpointAccess.Of([.. context.Description.ActionDescriptor.EndpointMetadata], authorization.Value);
        operation.Security = access.SignInRequired
            ? [Requirement(SessionCookie, context.Document), Requirement(Bearer, context.Document)]
            : [];
        if (operation.Responses?.TryGetValue("429", out var tooMany) == true && tooMany is OpenApiResponse response)
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers["Retry-After"] = new OpenApiHeader
            {
                Description = "Seconds to wait before trying again.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "0" },
            };
        }

        return Task.CompletedTask;
    }

    private static OpenApiSecurityRequirement Requirement(string scheme, OpenApiDocument? document) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };
}
