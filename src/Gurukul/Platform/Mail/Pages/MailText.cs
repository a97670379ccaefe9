using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;

namespace Gurukul.Platform.Mail.Pages;

/// <summary>How the dev mailbox shows a mail: text with its web links clickable, times in UTC.</summary>
public static partial class MailText
{
    private static readonly InstantPattern Shown = InstantPattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm:ss 'UTC'");

    /// <summary>The text cut into plain pieces and http(s) links; a link never includes the sentence's closing punctuation.</summary>
    public static IEnumerable<(string Text, bool IsLink)> Segments(string text)
    {
        var position = 0;
        foreach (Match link in Link().Matches(text))
        {
            if (link.Index > position)
            {
                yield return (text[position..link.Index], false);
            }

            yield return (link.Value, true);
            position = link.Index + link.Length;
        }

        if (position < text.Length)
        {
            yield return (text[position..], false);
        }
    }

    public static IReadOnlyList<string> Lines(string text) => text.ReplaceLineEndings("\n").Split('\n');

    public static string Show(Instant instant) => Shown.Format(instant);

    public static string Iso(Instant instant) => InstantPattern.ExtendedIso.Format(instant);

    public static string Count(int value) => value.ToString("N0", CultureInfo.CurrentCulture);

    [GeneratedRegex("""https?://[^\s<>"]*[^\s<>".,;:!?)\]']""", RegexOptions.IgnoreCase)]
    private static partial Regex Link();
}
