using Gurukul.Features.Reference;
using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Gurukul.Features.Profiles;

/// <summary>Student profiles hold language codes, subject slugs and a board code.</summary>
public sealed class StudentReferenceUsage(GurukulDbContext db) : IReferenceDataUsage
{
    public Task<int> CountLanguageUsesAsync(string code, CancellationToken cancellationToken) =>
        db.Set<StudentProfile>().CountAsync(p => p.PrimaryLanguage == code || p.LanguagesSpoken.Contains(code), cancellationToken);

    public Task<int> CountSubjectUsesAsync(string slug, CancellationToken cancellationToken) =>
        db.Set<StudentProfile>().CountAsync(p => p.Subjects.Contains(slug), cancellationToken);

    public Task<int> CountBoardUsesAsync(string code, CancellationToken cancellationToken) =>
        db.Set<StudentProfile>().CountAsync(p => p.Board == code, cancellationToken);
}
