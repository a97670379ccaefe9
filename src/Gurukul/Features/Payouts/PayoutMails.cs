using System.Globalization;
using Gurukul.Features.Accounts;
using Gurukul.Features.Mentors.Pages;
using Gurukul.Platform;
using Gurukul.Platform.Localization;
using Gurukul.Platform.Mail;
using NodaTime;

namespace Gurukul.Features.Payouts;

/// <summary>The mails about a mentor's payouts, in the mentor's language, added to the outbox in the caller's unit of work.</summary>
public sealed class PayoutMails(MailOutbox outbox, JsonStringCatalog strings)
{
    public void MethodChanged(User mentor, string masked, Instant at)
    {
        var culture = CultureInfo.GetCultureInfo(mentor.Locale);
        Add(mentor, "payouts.method_changed", culture, masked, at.InUtc().LocalDateTime.ToString("d MMMM uuuu HH:mm 'UTC'", culture));
    }

    public void PayoutFailed(User mentor, Money amount, LocalDate periodEnd, string reason)
    {
        var culture = CultureInfo.GetCultureInfo(mentor.Locale);
        Add(mentor, "payouts.failed", culture, MoneyFormat.Format(amount), periodEnd.ToString("d MMMM uuuu", culture), reason);
    }

    private void Add(User mentor, string kind, CultureInfo culture, params object[] values)
    {
        string Text(string key) => strings.Find($"mail.{kind}.{key}", culture) ?? key;
        outbox.Add(new MailDraft(mentor.Email!, string.Format(culture, Text("subject"), values),
            string.Format(culture, Text("body"), [mentor.Name, .. values]), null, kind));
    }
}
