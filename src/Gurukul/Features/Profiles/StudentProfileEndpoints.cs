using System.Security.Claims;
using Gurukul.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gurukul.Features.Profiles;

public static class StudentProfileEndpoints
{
    public static IEndpointRouteBuilder MapStudentProfileApi(this IEndpointRouteBuilder app)
    {
        var profile = app.MapGroup("/api/v1/me/student-profile").WithTags("Student profile").RequireAuthorization(Policies.Student);
        profile.MapGet("", Get).WithName("GetStudentProfile").WithSummary("The signed-in student's profile (404 before the first PUT)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        profile.MapPut("", Put).WithName("SaveStudentProfile")
            .WithSummary("Create or replace the student's profile; `school` for school students, `college` for college students");
        return app;
    }

    private static async Task<Ok<StudentProfileDto>> Get(ClaimsPrincipal principal, StudentProfileService profiles, CancellationToken cancellationToken) =>
        TypedResults.Ok(await profiles.GetAsync(AccountsEndpoints.UserId(principal), cancellationToken));

    private static async Task<Ok<StudentProfileDto>> Put(
        StudentProfileRequest request, ClaimsPrincipal principal, StudentProfileService profiles, CancellationToken cancellationToken) =>
        TypedResults.Ok(await profiles.SaveAsync(AccountsEndpoints.UserId(principal), request, cancellationToken));
}
