using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Gurukul.Features.Audit;

/// <summary>
/// One security-relevant thing that happened: who did what to whom, when and from where. Append-only.
/// Never holds secrets (passwords, tokens, codes).
/// </summary>
public sealed class AuditEvent
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Instant At { get; init; }

    /// <summary>What happened, e.g. <c>sign_in.failed</c>; see <see cref="AuditActions"/>.</summary>
    public required string Action { get; init; }

    /// <summary>Who did it (null when anonymous, e.g. a failed sign-in for an unknown email).</summary>
    public string? ActorUserId { get; init; }

    /// <summary>Whose account it concerns.</summary>
    public string? SubjectUserId { get; init; }

    /// <summary>A short human-readable detail (the email tried, the role granted, the reason given).</summary>
    public string? Detail { get; init; }

    public string? IpAddress { get; init; }
    public string? UserAgent { get; init; }
}

public static class AuditActions
{
    public const string SignUp = "sign_up";
    public const string SignInSucceeded = "sign_in.succeeded";
    public const string SignInFailed = "sign_in.failed";
    public const string LockedOut = "lockout";
    public const string SignOut = "sign_out";
    public const string RefreshTokenReused = "session.refresh_token_reused";
    public const string EmailConfirmed = "email.confirmed";
    public const string PasswordResetRequested = "password.reset_requested";
    public const string PasswordReset = "password.reset";
    public const string PasswordChanged = "password.changed";
    public const string TwoFactorEnabled = "two_factor.enabled";
    public const string TwoFactorDisabled = "two_factor.disabled";
    public const string RoleGranted = "role.granted";
    public const string RoleRevoked = "role.revoked";
    public const string Suspended = "account.suspended";
    public const string Reinstated = "account.reinstated";
    public const string GuardianConsented = "guardian.consented";
    public const string GuardianRefused = "guardian.refused";
    public const string ReferenceCreated = "reference.created";
    public const string ReferenceUpdated = "reference.updated";
    public const string ReferenceDeleted = "reference.deleted";
    public const string VerificationDocumentAdded = "verification.document_added";
    public const string VerificationDocumentRemoved = "verification.document_removed";
    public const string VerificationSubmitted = "verification.submitted";
    public const string VerificationMoved = "verification.moved";
    public const string PayoutMethodChanged = "payout_method.changed";
    public const string PayoutsRun = "payouts.run";
    public const string PayoutRetried = "payout.retried";
    public const string MessageHidden = "moderation.message_hidden";
    public const string MessageRestored = "moderation.message_restored";
    public const string UserWarned = "moderation.user_warned";
    public const string ReportClosed = "moderation.report_closed";
    public const string StudentBlocked = "messaging.student_blocked";
    public const string StudentUnblocked = "messaging.student_unblocked";
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("audit_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Action).HasMaxLength(40);
        builder.Property(e => e.ActorUserId).HasMaxLength(64);
        builder.Property(e => e.SubjectUserId).HasMaxLength(64);
        builder.Property(e => e.Detail).HasMaxLength(500);
        builder.Property(e => e.IpAddress).HasMaxLength(64);
        builder.Property(e => e.UserAgent).HasMaxLength(300);
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => new { e.SubjectUserId, e.At });
        builder.HasIndex(e => new { e.Action, e.At });
    }
}
