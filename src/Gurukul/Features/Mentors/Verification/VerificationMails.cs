using Gurukul.Features.Accounts;
using Gurukul.Features.Notifications;

namespace Gurukul.Features.Mentors.Verification;

/// <summary>
/// Tells the mentor where their application stands after every move, through the <see cref="Notifier"/>: an entry in their
/// notification centre and a mail (both always sent: this is about their account), in their own language (<c>User.Locale</c>),
/// with the reason when staff gave one for the mentor to act on and a link to their application page. Added to the caller's
/// unit of work, so the mentor is told exactly when the move is saved.
/// </summary>
public sealed class VerificationMails(Notifier notifier)
{
    /// <summary>The mentor's own page about their application (built by the mentor application feature).</summary>
    public const string ApplicationPath = "/mentor/application";

    /// <summary>What a move is called in the notification centre.</summary>
    public const string NotificationKind = "verification.moved";

    /// <summary>The outbox kind of the mail sent when an application reaches <paramref name="status"/>.</summary>
    public static string Kind(VerificationStatus status) => "verification." + VerificationNames.Name(status);

    public Task StatusChangedAsync(User mentor, VerificationStatus status, string? reason, string baseUrl, CancellationToken cancellationToken)
    {
        var label = new LocalText(VerificationText.StatusKey(status));
        var nextStep = new LocalText(VerificationText.NextStepKey(status));
        object reasonBlock = reason is null ? "" : new LocalText("mail.verification.paragraph", new LocalText("mail.verification.reason", reason));
        return notifier.AddAsync(mentor, new NotificationDraft(
            NotificationKind, NotificationCategory.Account,
            Title: new LocalText("mail.verification.subject", label),
            Body: nextStep,
            Link: ApplicationPath,
            MailBody: new LocalText("mail.verification.body", mentor.Name, label, nextStep, reasonBlock, baseUrl + ApplicationPath),
            MailKind: Kind(status)), cancellationToken);
    }
}

/// <summary>Keys of the UI strings that say a status in plain words and what happens next.</summary>
public static class VerificationText
{
    public static string StatusKey(VerificationStatus status) => "verification.status." + VerificationNames.Name(status);

    public static string NextStepKey(VerificationStatus status) => "verification.next." + VerificationNames.Name(status);

    public static string MissingKey(string missing) => "verification.missing." + missing;

    public static string KindKey(DocumentKind kind) => "verification.kind." + VerificationNames.Name(kind);
}
