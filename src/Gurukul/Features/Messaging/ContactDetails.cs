using System.Text.RegularExpressions;

namespace Gurukul.Features.Messaging;

/// <summary>
/// Child safety (PRD §14.3): in a conversation with a student under 18, phone numbers, email addresses and links to
/// messaging apps outside Gurukul are masked in every message, whoever writes it, so that contact with a minor stays where
/// guardians and staff can see it. The sender is told why. Digits of every script count (Devanagari ९८७…, Telugu ౯౮౭…).
/// </summary>
public static partial class ContactDetails
{
    public const string PhoneNumber = "phone_number";
    public const string Email = "email";
    public const string MessagingLink = "messaging_link";

    /// <summary>What replaces a masked detail: no words, so it reads the same in every language.</summary>
    public const string MaskText = "•••••";

    /// <summary>The body with every contact detail masked, and which kinds were found (in a fixed order), none when clean.</summary>
    public static (string Body, IReadOnlyList<string> Kinds) Mask(string body)
    {
        var kinds = new List<string>();
        // Links first: a link's path may hold digits that would otherwise be read as a phone number.
        body = Replace(MessagingLinkPattern(), body, MessagingLink, kinds);
        body = Replace(EmailPattern(), body, Email, kinds);
        body = Replace(PhonePattern(), body, PhoneNumber, kinds);
        return (body, [.. new[] { PhoneNumber, Email, MessagingLink }.Where(kinds.Contains)]);
    }

    private static string Replace(Regex pattern, string body, string kind, List<string> kinds)
    {
        if (!pattern.IsMatch(body))
        {
            return body;
        }

        kinds.Add(kind);
        return pattern.Replace(body, MaskText);
    }

    // Ten or more digits, optionally after a +, with up to three spaces, dashes, dots or brackets between them: mobiles
    // (98765 43210, +91-98765-43210) and landlines with their code, but not dates (2026-12-07) or times.
    [GeneratedRegex(@"(?<![\d\w])\+?\(?\d(?:[\s\-.()]{0,3}\d){9,}(?!\d)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex PhonePattern();

    // user@example.com, and the usual disguises: user (at) example (dot) com, user [at] example.com.
    [GeneratedRegex(
        @"[\w.+\-]+\s*(?:@|\(\s*at\s*\)|\[\s*at\s*\])\s*[\w\-]+(?:\s*(?:\.|\(\s*dot\s*\)|\[\s*dot\s*\])\s*[\w\-]+)+",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 200)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(
        @"(?:https?://)?(?:[\w\-]+\.)*(?:wa\.me|whatsapp\.com|t\.me|telegram\.(?:me|org|dog)|signal\.(?:me|group|org)|instagram\.com|ig\.me|snapchat\.com"
        + @"|discord\.(?:gg|com)|m\.me|messenger\.com|facebook\.com|fb\.me|line\.me|viber\.com|skype\.com|kik\.me|wechat\.com|threema\.id)(?:/\S*)?",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 200)]
    private static partial Regex MessagingLinkPattern();

}
