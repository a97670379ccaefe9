using Gurukul.Platform.Data;
using Gurukul.Platform.Jobs;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Gurukul.Platform.Mail;

/// <summary>
/// A mail to send: what the feature that sends it decides. <see cref="Kind"/> names its template; a mail a person may opt out
/// of carries its one-click <see cref="UnsubscribeUrl"/> (RFC 8058).
/// </summary>
public sealed record MailDraft(string To, string Subject, string TextBody, string? HtmlBody, string Kind, string? UnsubscribeUrl = null);

public sealed record MailboxPage(IReadOnlyList<OutboxMail> Mails, int Page, bool HasMore);

/// <summary>Sends mail through the outbox (docs/adr/0006-jobs-and-mail-outbox.md): no mail is lost, none leaves twice by accident.</summary>
public sealed class MailOutbox(GurukulDbContext db, JobQueue jobs, IClock clock)
{
    public const int MailboxPageSize = 50;

    /// <summary>
    /// Adds the mail and its delivery job to the current <see cref="GurukulDbContext"/> <b>without saving</b>: the caller's
    /// <c>SaveChangesAsync</c> commits them atomically with its own changes, so a mail is sent exactly when the change
    /// that asked for it (a new account, a booking) is committed.
    /// </summary>
    public void Add(MailDraft draft)
    {
        var mail = new OutboxMail
        {
            To = draft.To,
            Subject = draft.Subject,
            TextBody = draft.TextBody,
            HtmlBody = draft.HtmlBody,
            Kind = draft.Kind,
            ListUnsubscribe = draft.UnsubscribeUrl,
            CreatedAt = clock.GetCurrentInstant(),
        };
        db.Set<OutboxMail>().Add(mail);
        jobs.Add(MailDeliveryJob.JobKind, new MailDeliveryJob.Payload(mail.Id));
    }

    /// <summary>Adds the mail and saves at once (with whatever else the context holds).</summary>
    public async Task SendAsync(MailDraft draft, CancellationToken cancellationToken)
    {
        Add(draft);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The dev mailbox: newest first, <see cref="MailboxPageSize"/> a page.</summary>
    public async Task<MailboxPage> ListAsync(int page, CancellationToken cancellationToken)
    {
        page = Math.Max(page, 1);
        var rows = await db.Set<OutboxMail>().AsNoTracking()
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Skip((page - 1) * MailboxPageSize).Take(MailboxPageSize + 1)
            .ToListAsync(cancellationToken);
        return new MailboxPage([.. rows.Take(MailboxPageSize)], page, rows.Count > MailboxPageSize);
    }

    public Task<OutboxMail?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Set<OutboxMail>().AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
}
