using Gurukul.Features.Accounts;
using Gurukul.Features.Mentors;
using Gurukul.Features.Reference;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Gurukul.Platform.Data;

/// <summary>The one database context. Each feature contributes its entities through <c>IEntityTypeConfiguration</c>.</summary>
public sealed class GurukulDbContext(DbContextOptions<GurukulDbContext> options)
    : IdentityDbContext<User, IdentityRole, string>(options)
{
    public DbSet<Language> Languages => Set<Language>();
    public DbSet<SubjectCategory> SubjectCategories => Set<SubjectCategory>();
    public DbSet<Subject> Subjects => Set<Subject>();
    public DbSet<Board> Boards => Set<Board>();
    public DbSet<MentorProfile> MentorProfiles => Set<MentorProfile>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        IdentityTableNames.Apply(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(GurukulDbContext).Assembly);
        SnakeCaseNames.Apply(builder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every stored time is a UTC instant; the column is a UTC timestamp on both providers.
        configurationBuilder.Properties<Instant>().HaveConversion<InstantToUtcDateTimeConverter>();
        // Calendar dates (birthdays) are dates, not instants: a date column on PostgreSQL, ISO text on SQLite.
        configurationBuilder.Properties<LocalDate>().HaveConversion<LocalDateToDateOnlyConverter>();
    }
}
