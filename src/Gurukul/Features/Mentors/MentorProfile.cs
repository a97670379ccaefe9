using System.Linq.Expressions;
using Gurukul.Features.Accounts;
using Gurukul.Features.Mentors.Verification;
using Gurukul.Features.Reference;
using Gurukul.Platform;
using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Gurukul.Features.Mentors;

[Flags]
public enum StudentLevels
{
    None = 0,
    School = 1,
    College = 2,
}

/// <summary>The API's names of student levels (<c>school</c>, <c>college</c>).</summary>
public static class StudentLevelNames
{
    public static IReadOnlyList<string> Of(StudentLevels levels) =>
        [.. new[] { (StudentLevels.School, "school"), (StudentLevels.College, "college") }.Where(l => levels.HasFlag(l.Item1)).Select(l => l.Item2)];
}

/// <summary>The verification workflow's states (API.md); only <see cref="Approved"/> mentors are visible to students.</summary>
public enum VerificationStatus
{
    Draft,
    Pending,
    DocumentsUnderReview,
    BackgroundCheckInProgress,
    InterviewScheduled,
    TrialSessionRequired,
    Approved,
    Rejected,
    Suspended,
    ReapplicationRequired,
}

/// <summary>A mentor's public profile and where their verification stands.</summary>
public sealed class MentorProfile
{
    private string _slug = "";

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string UserId { get; init; }
    public User? User { get; init; }

    /// <summary>Readable, unique URL name: <c>dr-priya-sharma</c>.</summary>
    public required string Slug { get => _slug; init => _slug = value; }
    public required string Headline { get; set; }
    public required string Bio { get; set; }
    public string? Company { get; set; }
    public string? University { get; set; }
    public int ExperienceYears { get; set; }
    public List<string> ExpertiseAreas { get; set; } = [];
    public StudentLevels StudentLevelsServed { get; set; }
    public required Money HourlyRate { get; set; }
    public required string PrimaryLanguage { get; set; }
    public required string TimeZone { get; set; }
    public string? City { get; set; }
    public string? State { get; set; }
    public required string Country { get; set; }
    public VerificationStatus VerificationStatus { get; private set; } = VerificationStatus.Draft;

    /// <summary>When the application last entered the queue (submitted or resubmitted); orders the queue.</summary>
    public Instant? SubmittedAt { get; private set; }

    /// <summary>False when the mentor has paused their profile; hidden from students like an unapproved one.</summary>
    public bool IsActive { get; set; } = true;

    // Aggregates kept on the profile so listing pages never scan reviews or sessions.
    public decimal RatingAverage { get; set; }
    public int RatingCount { get; set; }
    public int SessionsCompleted { get; set; }

    public List<MentorSubject> Subjects { get; init; } = [];
    public List<MentorLanguage> Languages { get; init; } = [];
    public Instant CreatedAt { get; init; }
    public Instant UpdatedAt { get; set; }

    /// <summary>Whether students and the public may see this mentor at all.</summary>
    public bool IsPublic => VerificationStatus == VerificationStatus.Approved && IsActive;

    /// <summary><see cref="IsPublic"/> for queries: every public read filters with this one rule.</summary>
    public static Expression<Func<MentorProfile, bool>> PublicFilter { get; } =
        m => m.VerificationStatus == VerificationStatus.Approved && m.IsActive;

    /// <summary>
    /// Moves the application along the workflow and returns the history row to save with it. Callers check
    /// <see cref="VerificationWorkflow.Allows"/> first to answer the user; reaching here with an illegal move is a bug.
    /// </summary>
    public VerificationEvent MoveVerification(VerificationStatus to, VerificationActor actor, string? actorUserId, string? notes, Instant at)
    {
        if (!VerificationWorkflow.Allows(VerificationStatus, to, actor))
        {
            throw new InvalidOperationException($"{actor} may not move a mentor application from {VerificationStatus} to {to}.");
        }

        var change = new VerificationEvent { MentorId = Id, FromStatus = VerificationStatus, ToStatus = to, Notes = notes, ActorUserId = actorUserId, At = at };
        VerificationStatus = to;
        if (to == VerificationStatus.Pending)
        {
            SubmittedAt = at;
        }

        UpdatedAt = at;
        return change;
    }

    /// <summary>
    /// Gives the profile a new public address; the old one keeps working as a redirect (returned, to save), so links already
    /// shared never break. Taking back one of the mentor's own old addresses removes it from <paramref name="ownRedirects"/>.
    /// </summary>
    public MentorSlugRedirect? ChangeSlug(string newSlug, ICollection<MentorSlugRedirect> ownRedirects, Instant at)
    {
        if (newSlug == Slug)
        {
            return null;
        }

        if (ownRedirects.FirstOrDefault(r => r.Slug == newSlug) is { } reclaimed)
        {
            ownRedirects.Remove(reclaimed);
        }

        var redirect = new MentorSlugRedirect { Slug = Slug, MentorId = Id, RetiredAt = at };
        _slug = newSlug;
        UpdatedAt = at;
        return redirect;
    }
}

/// <summary>A mentor's former public address: <c>/mentors/{old}</c> redirects to the current one, and nobody else may take it.</summary>
public sealed class MentorSlugRedirect
{
    public required string Slug { get; init; }
    public Guid MentorId { get; init; }
    public Instant RetiredAt { get; init; }
}

public sealed class MentorSubject
{
    public Guid MentorId { get; init; }
    public required string SubjectSlug { get; init; }
    public Subject? Subject { get; init; }
}

/// <summary>A language the mentor teaches in (the primary language is one of them).</summary>
public sealed class MentorLanguage
{
    public Guid MentorId { get; init; }
    public required string LanguageCode { get; init; }
}

internal sealed class MentorProfileConfiguration : IEntityTypeConfiguration<MentorProfile>
{
    public void Configure(EntityTypeBuilder<MentorProfile> builder)
    {
        builder.HasKey(m => m.Id);
        builder.HasOne(m => m.User).WithOne().HasForeignKey<MentorProfile>(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => m.Slug).IsUnique();
        builder.Property(m => m.Slug).HasMaxLength(120);
        builder.Property(m => m.Headline).HasMaxLength(160);
        builder.Property(m => m.Bio).HasMaxLength(4000);
        builder.Property(m => m.Company).HasMaxLength(120);
        builder.Property(m => m.University).HasMaxLength(160);
        builder.Property(m => m.PrimaryLanguage).HasMaxLength(8);
        builder.HasOne<Language>().WithMany().HasForeignKey(m => m.PrimaryLanguage).OnDelete(DeleteBehavior.Restrict);
        builder.Property(m => m.TimeZone).HasMaxLength(64);
        builder.Property(m => m.City).HasMaxLength(80);
        builder.Property(m => m.State).HasMaxLength(80);
        builder.Property(m => m.Country).HasMaxLength(2);
        // The status is the concurrency token: every save of a profile checks it is still what was read, so two staff members
        // moving one application at once cannot both succeed, and no upload slips in after the mentor submitted.
        builder.Property(m => m.VerificationStatus).HasConversion<SnakeCaseEnumConverter<VerificationStatus>>().HasMaxLength(40).IsConcurrencyToken();
        builder.Property(m => m.RatingAverage).HasPrecision(3, 2);
        builder.ComplexProperty(m => m.HourlyRate, money =>
        {
            money.Property(r => r.Currency).HasMaxLength(3);
        });
        builder.HasIndex(m => new { m.VerificationStatus, m.IsActive });
        builder.HasIndex(m => new { m.VerificationStatus, m.SubmittedAt });
        builder.HasMany(m => m.Subjects).WithOne().HasForeignKey(s => s.MentorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(m => m.Languages).WithOne().HasForeignKey(l => l.MentorId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MentorSubjectConfiguration : IEntityTypeConfiguration<MentorSubject>
{
    public void Configure(EntityTypeBuilder<MentorSubject> builder)
    {
        builder.ToTable("mentor_subjects");
        builder.HasKey(s => new { s.MentorId, s.SubjectSlug });
        builder.HasOne(s => s.Subject).WithMany().HasForeignKey(s => s.SubjectSlug).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => s.SubjectSlug);
    }
}

internal sealed class MentorLanguageConfiguration : IEntityTypeConfiguration<MentorLanguage>
{
    public void Configure(EntityTypeBuilder<MentorLanguage> builder)
    {
        builder.ToTable("mentor_languages");
        builder.HasKey(l => new { l.MentorId, l.LanguageCode });
        builder.HasOne<Language>().WithMany().HasForeignKey(l => l.LanguageCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(l => l.LanguageCode);
    }
}

internal sealed class MentorSlugRedirectConfiguration : IEntityTypeConfiguration<MentorSlugRedirect>
{
    public void Configure(EntityTypeBuilder<MentorSlugRedirect> builder)
    {
        builder.ToTable("mentor_slug_redirects");
        builder.HasKey(r => r.Slug);
        builder.Property(r => r.Slug).HasMaxLength(120);
        builder.HasOne<MentorProfile>().WithMany().HasForeignKey(r => r.MentorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => r.MentorId);
    }
}
