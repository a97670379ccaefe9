using System.Security.Cryptography;
using Gurukul.Platform.Web;
using Microsoft.AspNetCore.DataProtection;

namespace Gurukul.Features.Notifications;

/// <summary>
/// Signed unsubscribe links: the token names a person and a category, encrypted and signed by ASP.NET Core data protection
/// (keys in the database, so any node accepts any node's links). It does not expire — a mail read a year later must still
/// unsubscribe — and it can only turn one category's mail off for its own person, so a leaked link harms nobody else.
/// </summary>
public sealed class UnsubscribeLinks(IDataProtectionProvider dataProtection, AbsoluteUrls urls)
{
    private readonly IDataProtector _protector = dataProtection.CreateProtector("Gurukul.Unsubscribe");

    public string Token(string userId, NotificationCategory category) => _protector.Protect(userId + "|" + NotificationNames.Name(category));

    /// <summary>The page that asks "stop these mails?" (the footer's link).</summary>
    public string PageUrl(string userId, NotificationCategory category) =>
        urls.For(NotificationPaths.Unsubscribe + "?token=" + Uri.EscapeDataString(Token(userId, category)));

    /// <summary>The <c>List-Unsubscribe</c> target that mail clients POST to (RFC 8058).</summary>
    public string OneClickUrl(string userId, NotificationCategory category) =>
        urls.For(NotificationPaths.OneClick + "?token=" + Uri.EscapeDataString(Token(userId, category)));

    /// <summary>Whose and which category's mail the token turns off; null for anything that is not a token of ours.</summary>
    public (string UserId, NotificationCategory Category)? Read(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var parts = _protector.Unprotect(token).Split('|', 2);
            return parts.Length == 2 && NotificationNames.TryParse(parts[1], out var category) ? (parts[0], category) : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
