using System.Globalization;
using Gurukul.Platform.Localization;

namespace Gurukul.Features.Notifications;

/// <summary>
/// Text to be written in the recipient's language: a UI string key and its arguments. An argument that is itself a
/// <see cref="LocalText"/> is translated too ("Your application is now: {0}" with the status in the same language).
/// </summary>
public sealed record LocalText(string Key, params object[] Arguments)
{
    public string In(JsonStringCatalog strings, CultureInfo culture)
    {
        var format = strings.Find(Key, culture) ?? Key;
        if (Arguments.Length == 0)
        {
            return format;
        }

        var arguments = Arguments.Select(a => a is LocalText nested ? nested.In(strings, culture) : a).ToArray();
        return string.Format(culture, format, arguments);
    }
}

/// <summary>
/// What happened, for <see cref="Notifier"/>: the in-app entry (title, body, link to its subject) and, when the mail should
/// say more than the entry (a reason to act on), the mail's own subject and body. <see cref="Kind"/> names what happened
/// (<c>message.received</c>); <see cref="MailKind"/> names the mail's template in the outbox (default: the kind).
/// </summary>
public sealed record NotificationDraft(
    string Kind, NotificationCategory Category, LocalText Title, LocalText Body, string Link,
    LocalText? MailSubject = null, LocalText? MailBody = null, string? MailKind = null);
