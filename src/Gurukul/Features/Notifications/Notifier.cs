using System.Globalization;
using Gurukul.Features.Accounts;
using Gurukul.Platform.Data;
using Gurukul.Platform.Localization;
using Gurukul.Platform.Mail;
using Gurukul.Platform.Realtime;
using Gurukul.Platform.Web;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Gurukul.Features.Notifications;

/// <summary>
/// Tells one person that something happened, the way they asked to be told (docs/adr/0029-notifications-and-reminders.md):
/// an entry in their notification centre (pushed live to the bell) and/or a mail, each only if their preferences allow it for
/// the draft's category, both written in the recipient's own language. Mails a person may opt out of carry a one-click
/// unsubscribe link (RFC 8058). Everything is added to the caller's unit of work, so nobody is told about a change that was
/// not saved. Used by every feature: bookings, payouts and reviews add their kinds and call this.
/// </summary>
public sealed class Notifier(
    GurukulDbContext db, MailOutbox outbox, RealtimeHub realtime, JsonStringCatalog strings, UnsubscribeLinks unsubscribe, AbsoluteUrls urls,
    IClock clock)
{
    /// <summary>Adds the notification of <paramref name="recipient"/> to the current context <b>without saving</b>.</summary>
    public async Task AddAsync(User recipient, NotificationDraft draft, CancellationToken cancellationToken)
    {
        var preferences = await db.Set<NotificationPreferences>().AsNoTracking().SingleOrDefaultAsync(p => p.UserId == recipient.Id, cancellationToken)
            ?? new NotificationPreferences { UserId = recipient.Id };
        var culture = CultureInfo.GetCultureInfo(recipient.Locale);
        if (preferences.Allows(draft.Category, NotificationChannel.InApp))
        {
            var notification = new Notification
            {
                UserId = recipient.Id,
                Kind = draft.Kind,
                Category = draft.Category,
                Title = Clip(draft.Title.In(strings, culture), Notification.MaxTitleLength),
                Body = Clip(draft.Body.In(strings, culture), Notification.MaxBodyLength),
                Link = draft.Link,
                CreatedAt = clock.GetCurrentInstant(),
            };
            db.Set<Notification>().Add(notification);
            realtime.Add([recipient.Id], RealtimeEventTypes.Notification, new NotificationEvent(notification.Id));
        }

        if (preferences.Allows(draft.Category, NotificationChannel.Email) && recipient.Email is { } email)
        {
            outbox.Add(Mail(recipient, email, draft, culture));
        }
    }

    /// <summary>Adds the notification of the user with <paramref name="userId"/> and saves (with whatever else the context holds).</summary>
    public async Task NotifyAsync(string userId, NotificationDraft draft, CancellationToken cancellationToken)
    {
        var recipient = await db.Users.SingleAsync(u => u.Id == userId, cancellationToken);
        await AddAsync(recipient, draft, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    private MailDraft Mail(User recipient, string email, NotificationDraft draft, CultureInfo culture)
    {
        string Text(string key, params object[] arguments) => new LocalText(key, arguments).In(strings, culture);
        var link = urls.For(draft.Link);
        var body = draft.MailBody?.In(strings, culture)
            ?? Text("notifications.mail.body", recipient.Name, draft.Body.In(strings, culture), link);
        var essential = draft.Category == NotificationCategory.Account;
        var unsubscribeUrl = essential ? null : unsubscribe.OneClickUrl(recipient.Id, draft.Category);
        var footer = essential
            ? Text("notifications.mail.footer_essential")
            : Text("notifications.mail.footer", Text(NotificationNames.CategoryKey(draft.Category)), urls.For(NotificationPaths.Preferences),
                unsubscribe.PageUrl(recipient.Id, draft.Category));
        return new MailDraft(
            To: email,
            Subject: (draft.MailSubject ?? draft.Title).In(strings, culture),
            TextBody: body.TrimEnd() + "\n\n-- \n" + footer,
            HtmlBody: null,
            Kind: draft.MailKind ?? draft.Kind,
            UnsubscribeUrl: unsubscribeUrl);
    }

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}

/// <summary>What a stored <c>notification</c> event holds: the notification's id (the stream reads the rest).</summary>
public sealed record NotificationEvent(Guid? NotificationId);
