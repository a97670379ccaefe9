using Gurukul.Features.Reference;
using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Gurukul.Features.Mentors;

/// <summary>Mentor profiles hold the languages they teach in and the subjects they teach; mentors have no board.</summary>
public sealed class MentorReferenceUsage(GurukulDbContext db) : IReferenceDataUsage
{
    public Task<int> CountLanguageUsesAsync(string code, CancellationToken cancellationToken) =>
        db.MentorProfiles.CountAsync(m => m.PrimaryLanguage == code || m.Languages.Any(l => l.LanguageCode == code), cancellationToken);

    public Task<int> CountSubjectUsesAsync(string slug, CancellationToken cancellationToken) =>
        db.MentorProfiles.CountAsync(m => m.Subjects.Any(s => s.SubjectSlug == slug), cancellationToken);

    public Task<int> CountBoardUsesAsync(string code, CancellationToken cancellationToken) => Task.FromResult(0);
}
