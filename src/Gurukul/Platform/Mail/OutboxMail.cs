using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Gurukul.Platform.Mail;

public enum OutboxMailStatus
{
    Pending,
    Sent,
    Failed,
}

/// <summary>
/// Every mail Gurukul sends, kept in the database: written with the change that caused it, delivered by a
/// <c>mail.deliver</c> job, and readable in the dev mailbox. Bodies may hold personal data and links that sign people in.
/// </summary>
public sealed class OutboxMail
{
    public const string SmtpTransport = "smtp";
    public const string MailboxTransport = "mailbox";
    public const int LastErrorMaxLength = 2000;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string To { get; init; }
    public required string Subject { get; init; }
    public required string TextBody { get; init; }
    public string? HtmlBody { get; init; }

    /// <summary>
    /// The one-click unsubscribe link of a mail that is not essential (RFC 8058): sent as <c>List-Unsubscribe</c> with
    /// <c>List-Unsubscribe-Post</c>. Null for mails a person cannot opt out of (sign-in links, verification decisions).
    /// </summary>
    public string? ListUnsubscribe { get; init; }

    /// <summary>The template it was made from, such as <c>account.confirm_email</c>.</summary>
    public required string Kind { get; init; }

    public OutboxMailStatus Status { get; set; } = OutboxMailStatus.Pending;

    /// <summary>How it left: <see cref="SmtpTransport"/>, or <see cref="MailboxTransport"/> when only the dev mailbox shows it.</summary>
    public string? Transport { get; set; }

    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public Instant CreatedAt { get; init; }
    public Instant? SentAt { get; set; }
}

internal sealed class OutboxMailConfiguration : IEntityTypeConfiguration<OutboxMail>
{
    public void Configure(EntityTypeBuilder<OutboxMail> builder)
    {
        builder.ToTable("outbox_mails");
        builder.HasKey(m => m.Id);
        // "to" is reserved in SQL: a plain name keeps hand-written queries free of quotes.
        builder.Property(m => m.To).HasColumnName("to_address").HasMaxLength(320);
        builder.Property(m => m.Subject).HasMaxLength(400);
        builder.Property(m => m.Kind).HasMaxLength(100);
        builder.Property(m => m.ListUnsubscribe).HasMaxLength(1000);
        builder.Property(m => m.Status).HasConversion<SnakeCaseEnumConverter<OutboxMailStatus>>().HasMaxLength(20);
        builder.Property(m => m.Transport).HasMaxLength(20);
        builder.Property(m => m.LastError).HasMaxLength(OutboxMail.LastErrorMaxLength);
        builder.HasIndex(m => m.CreatedAt);
    }
}
