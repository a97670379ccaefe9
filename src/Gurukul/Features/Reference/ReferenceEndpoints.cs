using Gurukul.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gurukul.Features.Reference;

public static class ReferenceEndpoints
{
    public static IEndpointRouteBuilder MapReferenceApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Reference data").AllowAnonymous();

        api.MapGet("/languages", ListLanguages)
            .WithName("ListLanguages")
            .WithSummary("Languages mentors teach in")
            .WithDescription("The 22 scheduled languages of India, English and major world languages: code, English name and own-script name. The complete list, not paged.");

        api.MapGet("/subjects", ListSubjects)
            .WithName("ListSubjects")
            .WithSummary("The subjects and skills taxonomy")
            .WithDescription("Categories (school subjects, entrance exams, careers …) with their subjects, identified by stable slugs. The complete list, not paged.");

        api.MapGet("/boards", ListBoards)
            .WithName("ListBoards")
            .WithSummary("School examination boards")
            .WithDescription("National, international and state boards a school student studies under: the code a student profile's `school.board` takes, the name, and the state of a state board (null otherwise). The complete list, not paged.");
        return app;
    }

    private static async Task<Ok<ListResponse<LanguageDto>>> ListLanguages(ReferenceService reference, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ListResponse<LanguageDto>(await reference.ListLanguagesAsync(cancellationToken), null));

    private static async Task<Ok<ListResponse<BoardDto>>> ListBoards(ReferenceService reference, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ListResponse<BoardDto>(await reference.ListBoardsAsync(cancellationToken), null));

    private static async Task<Ok<ListResponse<SubjectCategoryDto>>> ListSubjects(ReferenceService reference, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ListResponse<SubjectCategoryDto>(await reference.ListSubjectCategoriesAsync(cancellationToken), null));
}
