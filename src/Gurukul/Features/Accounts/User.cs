using Gurukul.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Gurukul.Features.Accounts;

/// <summary>Where an account stands (API.md <c>user.status</c>). Only <see cref="Active"/> accounts may book or message.</summary>
public enum AccountStatus
{
    Active,

    /// <summary>A student under 16 whose guardian has not yet answered the emailed consent request.</summary>
    PendingGuardianConsent,

    /// <summary>The guardian refused; the account cannot be used.</summary>
    GuardianConsentRefused,

    Suspended,
}

public enum GuardianConsent
{
    NotRequired,
    Pending,
    Granted,
    Refused,
}

/// <summary>A person who signs in: student, mentor, admin or support (roles), stored by ASP.NET Core Identity.</summary>
public sealed class User : IdentityUser
{
    /// <summary>Students younger than this need a guardian's consent (API.md).</summary>
    public const int GuardianConsentAge = 16;

    /// <summary>Users younger than this are minors: later features restrict and record their sessions.</summary>
    public const int AdultAge = 18;

    public required string Name { get; set; }

    /// <summary>UI language: <c>en</c>, <c>hi</c> or <c>te</c>.</summary>
    public string Locale { get; set; } = "en";

    /// <summary>IANA time zone, e.g. <c>Asia/Kolkata</c>.</summary>
    public string TimeZone { get; set; } = "Asia/Kolkata";

    public LocalDate? DateOfBirth { get; set; }
    public string? GuardianEmail { get; private set; }
    public GuardianConsent GuardianConsent { get; private set; } = GuardianConsent.NotRequired;
    public Instant? GuardianDecidedAt { get; private set; }
    public Instant? SuspendedAt { get; private set; }
    public Instant CreatedAt { get; set; }

    /// <summary>Storage key of the profile photo (a public file), or null for none.</summary>
    public string? PhotoKey { get; set; }

    // Suspension and guardian consent are independent facts; the status shown to clients follows from them.
    public AccountStatus Status => SuspendedAt is not null ? AccountStatus.Suspended : GuardianConsent switch
    {
        GuardianConsent.Pending => AccountStatus.PendingGuardianConsent,
        GuardianConsent.Refused => AccountStatus.GuardianConsentRefused,
        _ => AccountStatus.Active,
    };

    public bool IsMinorOn(LocalDate today) => DateOfBirth is { } born && AgeOn(born, today) < AdultAge;

    public static bool NeedsGuardianConsent(LocalDate dateOfBirth, LocalDate today) => AgeOn(dateOfBirth, today) < GuardianConsentAge;

    /// <summary>Sign-in is allowed while consent is pending (to see where things stand), not when refused or suspended.</summary>
    public bool CanSignIn => Status is AccountStatus.Active or AccountStatus.PendingGuardianConsent;

    /// <summary>Booking and messaging need an active account.</summary>
    public bool CanBookOrMessage => Status == AccountStatus.Active;

    public void AwaitGuardianConsent(string guardianEmail)
    {
        GuardianEmail = guardianEmail;
        GuardianConsent = GuardianConsent.Pending;
    }

    public void RecordGuardianDecision(bool consented, Instant at)
    {
        if (GuardianConsent != GuardianConsent.Pending)
        {
            throw new InvalidOperationException("No guardian decision is pending for this account.");
        }

        GuardianConsent = consented ? GuardianConsent.Granted : GuardianConsent.Refused;
        GuardianDecidedAt = at;
    }

    public void Suspend(Instant at) => SuspendedAt ??= at;

    public void Reinstate() => SuspendedAt = null;

    private static int AgeOn(LocalDate born, LocalDate today) => Period.Between(born, today, PeriodUnits.Years).Years;
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
        builder.Property(u => u.GuardianEmail).HasMaxLength(256);
        builder.Property(u => u.PhotoKey).HasMaxLength(512);
        // Added to an existing table (migration 0003): existing accounts need no consent, hence the column default.
        builder.Property(u => u.GuardianConsent).HasConversion<SnakeCaseEnumConverter<GuardianConsent>>().HasMaxLength(20)
            .HasDefaultValue(GuardianConsent.NotRequired).HasSentinel(GuardianConsent.NotRequired);
        builder.Ignore(u => u.Status);
    }
}
