using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.OpenApi;

namespace Gurukul.Platform.Web;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c> (everything under <c>/api/v1</c>) and a browsable reference at
/// <c>/api-docs</c>. The document is derived from the endpoints themselves: their authorization metadata gives
/// <c>security</c> and 401/403, what they bind gives 400/413/415, rate limiting gives 429
/// (docs/adr/0019-a-truthful-openapi-document.md).
/// </summary>
public static class OpenApiSetup
{
    public static IServiceCollection AddGurukulOpenApi(this IServiceCollection services)
    {
        // Numbers are JSON numbers, in and out: the document can then say "integer" rather than "integer or a string
        // of digits", and a client that sends "5" hears which field is wrong.
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict);
        services.TryAddEnumerable(ServiceDescriptor.Transient<IApiDescriptionProvider, DerivedErrorResponses>());
        return services.AddOpenApi("v1", options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, context, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Gurukul API",
                    Version = "v1",
                    Description = "Find verified mentors, book sessions and learn. Errors are RFC 9457 problem details; times are UTC ISO 8601; money is integer minor units.",
                };
                document.Servers = PublicServers(context.ApplicationServices);
                DescribeTags(document);
                return Task.CompletedTask;
            });
            options.AddDocumentTransformer<OpenApiSecurity>();
            options.AddOperationTransformer<OpenApiSecurity>();
            options.AddSchemaTransformer(ProblemSchemas.DescribeExtensions);
            options.AddDocumentTransformer(RequestSchemas.RequireNonNull);
        });
    }

    public static IEndpointRouteBuilder MapGurukulOpenApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        return app;
    }

    /// <summary>
    /// The browsable reference at <c>/api-docs</c> when <c>Gurukul:ApiDocs</c> is true; by default everywhere but Production,
    /// where it is one more page to serve and scan for nobody's benefit (docs/adr/0017-behind-a-proxy.md).
    /// </summary>
    public static IApplicationBuilder UseGurukulApiReference(this IApplicationBuilder app)
    {
        var environment = app.ApplicationServices.GetRequiredService<IHostEnvironment>();
        if (!app.ApplicationServices.GetRequiredService<IConfiguration>().GetValue("Gurukul:ApiDocs", !environment.IsProduction()))
        {
            return app;
        }

        return app.UseSwaggerUI(options =>
        {
            options.RoutePrefix = "api-docs";
            options.DocumentTitle = "Gurukul API reference";
            options.SwaggerEndpoint("/openapi/v1.json", "Gurukul API v1");
        });
    }

    /// <summary>
    /// The configured public address when there is one; otherwise <c>/</c>, "the host that served this document". Never
    /// the request's Host header: the document must not repeat whatever a client claimed the host was.
    /// </summary>
    private static List<OpenApiServer> PublicServers(IServiceProvider services) =>
        services.GetRequiredService<IConfiguration>()["Gurukul:PublicBaseUrl"] is { Length: > 0 } configured
            ? [new OpenApiServer { Url = configured.TrimEnd('/'), Description = "This Gurukul" }]
            : [new OpenApiServer { Url = "/", Description = "The host that serves this document" }];

    /// <summary>What each tag of the document groups (a new tag without a line here is a lint warning, not an error).</summary>
    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Accounts"] = "Sign-up, sign-in, sessions and tokens, email confirmation, passwords, two-factor sign-in, guardian consent, the profile photo.",
        ["Administration"] = "Admins: users, roles, suspensions and the audit log.",
        ["Availability and slots"] = "A mentor's weekly hours, days off and booking rules; the bookable slots of public mentors in any time zone; "
            + "each user's private calendar feed address.",
        ["Bookings"] = "Holding a mentor's slot and paying for it; a booking's cancellation, reschedule, outcome and dispute, and its calendar file; "
            + "staff settling disputes.",
        ["Finding mentors"] = "Public search, facets and profiles of verified mentors; a student's favourite and hidden mentors.",
        ["Mentor profile"] = "The signed-in mentor's own profile and public address.",
        ["Messages and notifications"] = "Conversations between students and mentors (messages, attachments, read receipts, typing, search), "
            + "the signed-in user's live event stream (server-sent events), notifications and notification preferences.",
        ["Mentor verification"] = "Documents and submission for mentors; the review queue and workflow for staff.",
        ["Moderation"] = "Staff: reported messages with their conversation's context; hiding messages, warning and suspending users (audited).",
        ["Payments and money"] = "Checkouts, the sandbox provider, provider webhooks, payments and invoices, mentors' earnings, coupons, the "
            + "ledger check and the finance summary.",
        ["Recommendations"] = "Mentors matched to the signed-in student.",
        ["Reference data"] = "Languages, subjects and school boards that profile fields name.",
        ["Reference data administration"] = "Admins: add, change and remove reference data.",
        ["Student profile"] = "The signed-in student's academic profile.",
    };

    private static void DescribeTags(OpenApiDocument document)
    {
        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            tag.Description ??= TagDescriptions.GetValueOrDefault(tag.Name ?? "");
        }
    }
}
