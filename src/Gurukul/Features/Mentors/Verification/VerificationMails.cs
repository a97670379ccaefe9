using System.Globalization;
using Gurukul.Features.Accounts;
using Gurukul.Platform.Localization;
using Gurukul.Platform.Mail;

namespace Gurukul.Features.Mentors.Verification;

/// <summary>
/// Tells the mentor where their application stands after every move, in their own language (<c>User.Locale</c>), with the
/// reason when staff gave one for the mentor to act on and a link to their application page. Added to the outbox in the
/// caller's unit of work, so the mail goes out exactly when the move is saved.
/// </summary>
public sealed class VerificationMails(MailOutbox outbox, JsonStringCatalog strings)
{
    /// <summary>The mentor's own page about their application (built by the mentor application feature).</summary>
    public const string ApplicationPath = "/mentor/application";

    /// <summary>The outbox kind of the mail sent when an application reaches <paramref name="status"/>.</summary>
    public static string Kind(VerificationStatus status) => "verification." + VerificationNames.Name(status);

    public void StatusChanged(User mentor, VerificationStatus status, string? reason, string baseUrl)
    {
        var culture = CultureInfo.GetCultureInfo(mentor.Locale);
        string Text(string key) => strings.Find(key, culture) ?? key;
        var label = Text(VerificationText.StatusKey(status));
        var reasonBlock = reason is null ? "" : string.Format(culture, Text("mail.verification.reason"), reason) + "\n\n";
        outbox.Add(new MailDraft(
            To: mentor.Email!,
            Subject: string.Format(culture, Text("mail.verification.subject"), label),
            TextBody: string.Format(culture, Text("mail.verification.body"), mentor.Name, label, Text(VerificationText.NextStepKey(status)), reasonBlock,
                baseUrl + ApplicationPath),
            HtmlBody: null,
            Kind: Kind(status)));
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
