using Gurukul.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gurukul.Features.Reference;

/// <summary>
/// Admin API over the term dictionary (admin role with two-factor sign-in), beside the reference-data administration:
/// an entry's names and synonyms per language, and what is still missing in a language. ADR 0022.
/// </summary>
public static class TermAdministrationEndpoints
{
    public static IEndpointRouteBuilder MapTermAdministrationApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1/admin/reference").WithTags("Reference data administration").RequireAuthorization(Policies.Admin);
        admin.MapGet("/{kind}/{key}/terms", Get).WithName("GetTerms")
            .WithSummary("An entry's names and synonyms in every language (kind: subjects, subject-categories, boards, languages)");
        admin.MapPut("/{kind}/{key}/terms/{language}", Set).WithName("SetTerms")
            .WithSummary("Replace an entry's terms in one language: { name, synonyms: [...] } (English: synonyms only)");
        admin.MapGet("/missing-translations", Missing).WithName("MissingTranslations")
            .WithSummary("Subjects, categories, boards and languages without a name in ?language= (te by default)")
            .ProducesValidationProblem();
        return app;
    }

    private static async Task<Ok<EntryTermsDto>> Get(string kind, string key, TermAdministration terms, CancellationToken cancellationToken) =>
        TypedResults.Ok(await terms.GetAsync(kind, key, cancellationToken));

    private static async Task<Ok<LanguageTermsDto>> Set(
        string kind, string key, string language, LanguageTermsRequest request, TermAdministration terms, HttpContext http,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await terms.SetAsync(ReferenceEditor.From(http), kind, key, language, request, cancellationToken));

    private static async Task<Ok<MissingTranslationsDto>> Missing(string? language, TermAdministration terms, CancellationToken cancellationToken) =>
        TypedResults.Ok(await terms.MissingAsync(language, cancellationToken));
}
