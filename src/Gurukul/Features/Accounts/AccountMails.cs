using System.Globalization;
using Gurukul.Platform.Localization;
using Gurukul.Platform.Mail;

namespace Gurukul.Features.Accounts;

/// <summary>
/// The emails accounts send, in the recipient's language (the user's locale; a guardian gets the child's), added to
/// the outbox in the caller's unit of work so they are sent only if the change they announce is saved.
/// </summary>
public sealed class AccountMails(MailOutbox outbox, JsonStringCatalog strings)
{
    public void ConfirmEmail(User user, string baseUrl, string token) =>
        Add(user.Email!, user.Locale, "account.confirm_email", baseUrl + "/account/confirm-email?token=" + Uri.EscapeDataString(token), user.Name);

    public void PasswordReset(User user, string baseUrl, string token) =>
        Add(user.Email!, user.Locale, "account.password_reset", baseUrl + "/account/reset-password?token=" + Uri.EscapeDataString(token), user.Name);

    public void GuardianConsentRequest(User child, string baseUrl, string token) =>
        Add(child.GuardianEmail!, child.Locale, "account.guardian_consent", baseUrl + "/guardian/consent?token=" + Uri.EscapeDataString(token), child.Name);

    private void Add(string to, string locale, string kind, string link, string name)
    {
        var culture = CultureInfo.GetCultureInfo(locale);
        string Text(string key) => strings.Find($"mail.{kind}.{key}", culture) ?? key;
        outbox.Add(new MailDraft(
            To: to,
            Subject: string.Format(culture, Text("subject"), name),
            TextBody: string.Format(culture, Text("body"), name, link),
            HtmlBody: null,
            Kind: kind));
    }
}
