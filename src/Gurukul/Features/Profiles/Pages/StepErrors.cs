using System.Globalization;
using System.Text.RegularExpressions;
using Gurukul.Components;
using Gurukul.Platform.Localization;
using Microsoft.Extensions.Localization;

namespace Gurukul.Features.Profiles.Pages;

/// <summary>Messages for one control of an onboarding step, including those on the items of a list field.</summary>
public static partial class StepErrors
{
    /// <summary>
    /// The messages on <paramref name="field"/> and on its items: <c>careerGoals[2]</c> is the third line of its box,
    /// so its message says "Item 3: …".
    /// </summary>
    public static IReadOnlyList<string>? For(FormErrors errors, string field, IStringLocalizer<Strings> text)
    {
        var messages = new List<string>(errors.For(field) ?? []);
        foreach (var (key, itemMessages) in errors.All)
        {
            if (ItemIndex().Match(key) is { Success: true } match && match.Groups["field"].Value == field)
            {
                var number = int.Parse(match.Groups["index"].Value, CultureInfo.InvariantCulture) + 1;
                messages.AddRange(itemMessages.Select(message => text["onboarding.item_error", number, message].Value));
            }
        }

        return messages.Count > 0 ? messages : null;
    }

    [GeneratedRegex(@"^(?<field>.+)\[(?<index>[0-9]{1,3})\]$")]
    private static partial Regex ItemIndex();
}
