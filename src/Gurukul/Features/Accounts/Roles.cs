namespace Gurukul.Features.Accounts;

/// <summary>The role names of API.md; a user may hold several.</summary>
public static class Roles
{
    public const string Student = "student";
    public const string Mentor = "mentor";
    public const string Admin = "admin";
    public const string Support = "support";

    public static readonly IReadOnlyList<string> All = [Student, Mentor, Admin, Support];
}
