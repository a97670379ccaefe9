using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Gurukul.Features.Accounts;

/// <summary>A person who signs in: student, mentor, admin or support (roles), stored by ASP.NET Core Identity.</summary>
public sealed class User : IdentityUser
{
    public required string Name { get; set; }

    /// <summary>UI language: <c>en</c>, <c>hi</c> or <c>te</c>.</summary>
    public string Locale { get; set; } = "en";

    /// <summary>IANA time zone, e.g. <c>Asia/Kolkata</c>.</summary>
    public string TimeZone { get; set; } = "Asia/Kolkata";

    public Instant CreatedAt { get; set; }
}

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        // Identity checks uniqueness in code only; the index makes it hold under concurrent sign-ups.
        builder.HasIndex(u => u.NormalizedEmail).HasDatabaseName("email_index").IsUnique();
        builder.Property(u => u.Name).HasMaxLength(120);
        builder.Property(u => u.Locale).HasMaxLength(8);
        builder.Property(u => u.TimeZone).HasMaxLength(64);
    }
}
