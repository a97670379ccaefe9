using Gurukul.Features.Accounts;
using Gurukul.Features.Mentors;
using Gurukul.Features.Mentors.Verification;
using Gurukul.Features.Reference;
using Gurukul.Features.Scheduling;
using Gurukul.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Gurukul.Platform.Demo;

/// <summary>
/// Fills an empty marketplace with approved demo mentors (<c>Platform/Data/Seed/demo-mentors.json</c>) so a new
/// installation has something to browse. Demo mentors have no password: nobody can sign in as them.
/// On by default for the embedded SQLite database, off for PostgreSQL (<c>Gurukul:DemoData</c>).
/// </summary>
public sealed class DemoMarketplace(GurukulDbContext db, ILookupNormalizer normalizer, IClock clock)
{
    private const string DemoNote = "Demo data: verified when the demo marketplace was seeded.";

    public static bool IsEnabled(IConfiguration configuration, DatabaseSettings database) =>
        configuration.GetValue<bool?>("Gurukul:DemoData") ?? database.Provider == DatabaseProvider.Sqlite;

    public async Task<int> SeedIfEmptyAsync(CancellationToken cancellationToken)
    {
        if (await db.MentorProfiles.AnyAsync(cancellationToken))
        {
            return 0;
        }

        var now = clock.GetCurrentInstant();
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        var seeds = ReferenceService.ReadSeed<List<DemoMentor>>("demo-mentors.json");
        var mentorRole = await db.Roles.SingleAsync(r => r.Name == Roles.Mentor, cancellationToken);
        foreach (var seed in seeds)
        {
            // Inserted directly (one SaveChanges for all) rather than through UserManager, which saves per call.
            var user = new User
            {
                UserName = seed.Email,
                NormalizedUserName = normalizer.NormalizeName(seed.Email),
                Email = seed.Email,
                NormalizedEmail = normalizer.NormalizeEmail(seed.Email),
                EmailConfirmed = true,
                SecurityStamp = Guid.NewGuid().ToString("N"),
                Name = seed.Name,
                TimeZone = seed.Timezone,
                CreatedAt = now,
            };
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = mentorRole.Id });
            var slug = Slugs.Unique(Slugs.From(seed.Name), slugs.Contains);
            slugs.Add(slug);
            var profile = new MentorProfile
            {
                UserId = user.Id,
                Slug = slug,
                Headline = seed.Headline,
                Bio = seed.Bio,
                Company = seed.Company,
                University = seed.University,
                ExperienceYears = seed.ExperienceYears,
                ExpertiseAreas = seed.ExpertiseAreas,
                StudentLevelsServed = seed.StudentLevelsServed.Aggregate(StudentLevels.None,
                    (levels, level) => levels | Enum.Parse<StudentLevels>(level, ignoreCase: true)),
                HourlyRate = seed.HourlyRate,
                PrimaryLanguage = seed.PrimaryLanguage,
                TimeZone = seed.Timezone,
                City = seed.City,
                State = seed.State,
                Country = seed.Country,
                RatingAverage = seed.RatingAverage,
                RatingCount = seed.RatingCount,
                SessionsCompleted = seed.SessionsCompleted,
                Subjects = [.. seed.Subjects.Select(s => new MentorSubject { SubjectSlug = s })],
                Languages = [.. seed.LanguagesSpoken.Select(l => new MentorLanguage { LanguageCode = l })],
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.MentorProfiles.Add(profile);
            db.Add(DemoHours(profile.Id, seed.Timezone, now));
            // Demo mentors went through the same workflow as real ones, so their history reads the same way.
            db.AddRange(
                profile.MoveVerification(VerificationStatus.Pending, VerificationActor.Mentor, user.Id, null, now),
                profile.MoveVerification(VerificationStatus.DocumentsUnderReview, VerificationActor.Admin, null, DemoNote, now),
                profile.MoveVerification(VerificationStatus.BackgroundCheckInProgress, VerificationActor.Admin, null, DemoNote, now),
                profile.MoveVerification(VerificationStatus.Approved, VerificationActor.Admin, null, DemoNote, now));
        }

        await db.SaveChangesAsync(cancellationToken);
        return seeds.Count;
    }

    /// <summary>
    /// Weekday evenings and Saturday mornings in the mentor's own zone, 60- or 30-minute sessions: without hours nobody could
    /// book a demo mentor, and the first thing a new install is for is trying a booking.
    /// </summary>
    private static MentorAvailability DemoHours(Guid mentorId, string timeZone, Instant now)
    {
        var evening = new DayInterval(17 * 60, 20 * 60);
        IReadOnlyList<(IsoDayOfWeek, DayInterval)> weekly =
        [
            (IsoDayOfWeek.Monday, evening), (IsoDayOfWeek.Tuesday, evening), (IsoDayOfWeek.Wednesday, evening),
            (IsoDayOfWeek.Thursday, evening), (IsoDayOfWeek.Friday, evening), (IsoDayOfWeek.Saturday, new DayInterval(10 * 60, 13 * 60)),
        ];
        var hours = MentorAvailability.ForNewMentor(mentorId, timeZone);
        hours.Replace(new AvailabilitySettings(timeZone, weekly, [], [60, 30], BufferMinutes: 10,
            MinNoticeMinutes: MentorAvailability.DefaultMinNoticeMinutes, MaxSessionsPerDay: null,
            HorizonDays: MentorAvailability.DefaultHorizonDays), now);
        return hours;
    }

    private sealed record DemoMentor(
        string Name, string Email, string Headline, string Bio, string? Company, string? University, int ExperienceYears,
        List<string> ExpertiseAreas, List<string> Subjects, List<string> StudentLevelsServed, Money HourlyRate,
        string PrimaryLanguage, List<string> LanguagesSpoken, string Timezone, string? City, string? State, string Country,
        decimal RatingAverage, int RatingCount, int SessionsCompleted);
}
