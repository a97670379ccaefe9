using Gurukul.Features.Accounts;
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
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string UserId { get; init; }
    public User? User { get; init; }

    /// <summary>Readable, unique URL name: <c>dr-priya-sharma</c>.</summary>
    public required string Slug { get; set; }
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
    public VerificationStatus VerificationStatus { get; set; } = VerificationStatus.Draft;

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
        builder.Property(m => m.VerificationStatus).HasConversion<SnakeCaseEnumConverter<VerificationStatus>>().HasMaxLength(40);
        builder.Property(m => m.RatingAverage).HasPrecision(3, 2);
        builder.ComplexProperty(m => m.HourlyRate, money =>
        {
            money.Property(r => r.Currency).HasMaxLength(3);
        });
        builder.HasIndex(m => new { m.VerificationStatus, m.IsActive });
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
