using Gurukul.Features.Accounts;
using Gurukul.Features.Reference;
using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Gurukul.Features.Profiles;

public enum AcademicLevel
{
    School,
    College,
}

/// <summary>What a student tells Gurukul about themselves, so mentors can be matched to them (API.md "Student profile").</summary>
public sealed class StudentProfile
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string UserId { get; init; }
    public AcademicLevel AcademicLevel { get; private set; }

    // School students only.
    public string? SchoolName { get; private set; }
    public string? Board { get; private set; }
    public int? ClassGrade { get; private set; }
    public string? Stream { get; private set; }
    public List<string> Subjects { get; private set; } = [];

    // College students only.
    public string? UniversityName { get; private set; }
    public string? DegreeType { get; private set; }
    public string? Major { get; private set; }
    public string? Minor { get; private set; }
    public int? Semester { get; private set; }
    public decimal? Cgpa { get; private set; }

    public required string PrimaryLanguage { get; set; }
    public List<string> LanguagesSpoken { get; set; } = [];
    public required string FieldOfStudy { get; set; }
    public List<string> CareerGoals { get; set; } = [];
    public List<string> Interests { get; set; } = [];
    public List<string> Challenges { get; set; } = [];
    public required string City { get; set; }
    public required string State { get; set; }
    public required string Country { get; set; }
    public required string TimeZone { get; set; }
    public Instant CreatedAt { get; init; }
    public Instant UpdatedAt { get; set; }

    /// <summary>A school student: the college details, if any were given before, no longer apply.</summary>
    public void AtSchool(string schoolName, string board, int classGrade, string? stream, List<string> subjects)
    {
        AcademicLevel = AcademicLevel.School;
        (SchoolName, Board, ClassGrade, Stream, Subjects) = (schoolName, board, classGrade, stream, subjects);
        (UniversityName, DegreeType, Major, Minor, Semester, Cgpa) = (null, null, null, null, null, null);
    }

    /// <summary>A college student: school details no longer apply.</summary>
    public void AtCollege(string universityName, string degreeType, string major, string? minor, int semester, decimal cgpa)
    {
        AcademicLevel = AcademicLevel.College;
        (UniversityName, DegreeType, Major, Minor, Semester, Cgpa) = (universityName, degreeType, major, minor, semester, cgpa);
        (SchoolName, Board, ClassGrade, Stream, Subjects) = (null, null, null, null, []);
    }
}

internal sealed class StudentProfileConfiguration : IEntityTypeConfiguration<StudentProfile>
{
    public void Configure(EntityTypeBuilder<StudentProfile> builder)
    {
        builder.ToTable("student_profiles");
        builder.HasKey(p => p.Id);
        builder.HasIndex(p => p.UserId).IsUnique();
        builder.HasOne<User>().WithOne().HasForeignKey<StudentProfile>(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Language>().WithMany().HasForeignKey(p => p.PrimaryLanguage).OnDelete(DeleteBehavior.Restrict);
        builder.Property(p => p.AcademicLevel).HasConversion<SnakeCaseEnumConverter<AcademicLevel>>().HasMaxLength(10);
        builder.Property(p => p.SchoolName).HasMaxLength(160);
        builder.Property(p => p.Board).HasMaxLength(80);
        builder.Property(p => p.Stream).HasMaxLength(80);
        builder.Property(p => p.UniversityName).HasMaxLength(160);
        builder.Property(p => p.DegreeType).HasMaxLength(80);
        builder.Property(p => p.Major).HasMaxLength(120);
        builder.Property(p => p.Minor).HasMaxLength(120);
        builder.Property(p => p.Cgpa).HasPrecision(4, 2);
        builder.Property(p => p.PrimaryLanguage).HasMaxLength(8);
        builder.Property(p => p.FieldOfStudy).HasMaxLength(120);
        builder.Property(p => p.City).HasMaxLength(80);
        builder.Property(p => p.State).HasMaxLength(80);
        builder.Property(p => p.Country).HasMaxLength(2);
        builder.Property(p => p.TimeZone).HasMaxLength(64);
    }
}
