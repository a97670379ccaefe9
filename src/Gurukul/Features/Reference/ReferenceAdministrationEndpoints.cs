using Gurukul.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gurukul.Features.Reference;

/// <summary>
/// Admin API over reference data (admin role with two-factor sign-in). POST adds (201 with Location), PUT changes
/// (200), DELETE removes an entry nothing uses (204; 409 while in use). Keys are fixed once created. Reads are public:
/// <c>/api/v1/languages</c>, <c>/api/v1/subjects</c>, <c>/api/v1/boards</c>.
/// </summary>
public static class ReferenceAdministrationEndpoints
{
    private const string Base = "/api/v1/admin/reference";

    public static IEndpointRouteBuilder MapReferenceAdministrationApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup(Base).WithTags("Reference data administration").RequireAuthorization(Policies.Admin);
        // Every change can conflict: a key already taken (POST), an edit racing another (PUT), an entry still in use (DELETE).
        var changes = admin.MapGroup("").ProducesProblem(StatusCodes.Status409Conflict);

        admin.MapGet("/languages/{code}", GetLanguage).WithName("GetLanguage").WithSummary("One language by code");
        changes.MapPost("/languages", CreateLanguage).WithName("CreateLanguage")
            .WithSummary("Add a language: { code (2–8 lowercase letters, fixed once created), englishName, nativeName, scheduled }");
        changes.MapPut("/languages/{code}", UpdateLanguage).WithName("UpdateLanguage").WithSummary("Change a language's names or scheduled flag");
        changes.MapDelete("/languages/{code}", DeleteLanguage).WithName("DeleteLanguage").WithSummary("Delete a language no profile uses (409 while in use)");

        admin.MapGet("/subject-categories/{slug}", GetCategory).WithName("GetSubjectCategory").WithSummary("One subject category by slug");
        changes.MapPost("/subject-categories", CreateCategory).WithName("CreateSubjectCategory")
            .WithSummary("Add a subject category: { slug, name, sortOrder? } (without sortOrder it goes last)");
        changes.MapPut("/subject-categories/{slug}", UpdateCategory).WithName("UpdateSubjectCategory").WithSummary("Rename or reorder a subject category");
        changes.MapDelete("/subject-categories/{slug}", DeleteCategory).WithName("DeleteSubjectCategory")
            .WithSummary("Delete an empty subject category (409 while it has subjects)");

        admin.MapGet("/subjects/{slug}", GetSubject).WithName("GetSubject").WithSummary("One subject by slug, with its category");
        changes.MapPost("/subjects", CreateSubject).WithName("CreateSubject").WithSummary("Add a subject: { slug, name, category }");
        changes.MapPut("/subjects/{slug}", UpdateSubject).WithName("UpdateSubject").WithSummary("Rename a subject or move it to another category");
        changes.MapDelete("/subjects/{slug}", DeleteSubject).WithName("DeleteSubject").WithSummary("Delete a subject no profile uses (409 while in use)");

        admin.MapGet("/boards/{code}", GetBoard).WithName("GetBoard").WithSummary("One school board by code");
        changes.MapPost("/boards", CreateBoard).WithName("CreateBoard").WithSummary("Add a school board: { code, name, state?, sortOrder? }");
        changes.MapPut("/boards/{code}", UpdateBoard).WithName("UpdateBoard").WithSummary("Rename a board, change its state or its place in the list");
        changes.MapDelete("/boards/{code}", DeleteBoard).WithName("DeleteBoard").WithSummary("Delete a board no student uses (409 while in use)");
        return app;
    }

    private static async Task<Ok<LanguageDto>> GetLanguage(string code, ReferenceAdministration admin, CancellationToken cancellationToken) =>
        TypedResults.Ok(await admin.GetLanguageAsync(code, cancellationToken));

    private static async Task<Created<LanguageDto>> CreateLanguage(
        LanguageRequest request, ReferenceAdministration admin, HttpContext http, CancellationToken cancellationToken)
    {
        var language = await admin.CreateLanguageAsync(ReferenceEditor.From(http), request, cancellationToken);
        return TypedResults.Created($"{Base}/languages/{language.Code}", language);
    }

    private static async Task<Ok<LanguageDto>> UpdateLanguage(
        string code, LanguageRequest request, ReferenceAdministration admin, HttpContext http, CancellationToken cancellationToken) =>
        TypedResults.Ok(await admin.UpdateLanguageAsync(ReferenceEditor.From(http), code, request, cancellationToken));

    private static async Task<NoContent> DeleteLanguage(string code, ReferenceAdministration admin, HttpContext http, CancellationToken cancellationToken)
    {
        await admin.DeleteLanguageAsync(ReferenceEditor.From(http), code, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<SubjectCategoryDetailDto>> GetCategory(string slug, ReferenceAdministration admin, CancellationToken cancellationToken) =>
        TypedResults.Ok(await admin.GetCategoryAsync(slug, cancellationToken));

    private static async Task<Created<SubjectCategoryDetailDto>> CreateCategory(
        SubjectCategoryRequest request, ReferenceAdministration admin, HttpContext http, CancellationToken cancellationToken)
    {
        var category = await admin.CreateCategoryAsync(ReferenceEditor.From(http), request, cancellationToken);
        return TypedResults.Created($"{Base}/subject-categories/{category.Slug}", category);
    }

    private static async Task<Ok<SubjectCategoryDetailDto>> UpdateCategory(
        string slug, SubjectCategoryRequest request, ReferenceAdministration admin, HttpContext http, CancellationToken cancellationToken) =>
        TypedResults.Ok(await admin.UpdateCategoryAsync(ReferenceEditor.From(http), slug, request, cancellationToken));

    private static async Task<NoContent> DeleteCategory(string slug, ReferenceAdministration admin, HttpContext http, CancellationToken cancellationToken)
    {
        await admin.DeleteCategoryAsync(ReferenceEditor.From(http), slug, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<SubjectDetailDto>> GetSubject(string slug, ReferenceAdministration admin, CancellationToken cancellationToken) =>
        TypedResults.Ok(await admin.GetSubjectAsync(slug, cancellationToken));

    private static async Task<Created<SubjectDetailDto>> CreateSubject(
        SubjectRequest request, ReferenceAdministration admin, HttpContext http, CancellationToken cancellationToken)
    {
        var subject = await admin.CreateSubjectAsync(ReferenceEditor.From(http), request, cancellationToken);
        return TypedResults.Created($"{Base}/subjects/{subject.Slug}", subject);
    }

    private static async Task<Ok<SubjectDetailDto>> UpdateSubject(
        string slug, SubjectRequest request, ReferenceAdministration admin, HttpContext http, CancellationToken cancellationToken) =>
        TypedResults.Ok(await admin.UpdateSubjectAsync(ReferenceEditor.From(http), slug, request, cancellationToken));

    private static async Task<NoContent> DeleteSubject(string slug, ReferenceAdministration admin, HttpContext http, CancellationToken cancellationToken)
    {
        await admin.DeleteSubjectAsync(ReferenceEditor.From(http), slug, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<BoardDetailDto>> GetBoard(string code, ReferenceAdministration admin, CancellationToken cancellationToken) =>
        TypedResults.Ok(await admin.GetBoardAsync(code, cancellationToken));

    private static async Task<Created<BoardDetailDto>> CreateBoard(
        BoardRequest request, ReferenceAdministration admin, HttpContext http, CancellationToken cancellationToken)
    {
        var board = await admin.CreateBoardAsync(ReferenceEditor.From(http), request, cancellationToken);
        return TypedResults.Created($"{Base}/boards/{board.Code}", board);
    }

    private static async Task<Ok<BoardDetailDto>> UpdateBoard(
        string code, BoardRequest request, ReferenceAdministration admin, HttpContext http, CancellationToken cancellationToken) =>
        TypedResults.Ok(await admin.UpdateBoardAsync(ReferenceEditor.From(http), code, request, cancellationToken));

    private static async Task<NoContent> DeleteBoard(string code, ReferenceAdministration admin, HttpContext http, CancellationToken cancellationToken)
    {
        await admin.DeleteBoardAsync(ReferenceEditor.From(http), code, cancellationToken);
        return TypedResults.NoContent();
    }
}
