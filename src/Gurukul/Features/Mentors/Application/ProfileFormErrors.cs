using System.Globalization;
using Gurukul.Platform;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Localization;
using Microsoft.Extensions.Localization;

namespace Gurukul.Features.Mentors.Application;

/// <summary>
/// Puts the service's field errors (API paths such as <c>hourlyRate.amountMinor</c> or <c>expertiseAreas[2]</c>) next to the
/// form's inputs. The rules stay in <see cref="MentorProfileService"/>; only the wording changes where the form differs from
/// the API: the form asks for rupees, not paise.
/// </summary>
public static class ProfileFormErrors
{
    public const string Rate = "rate";
    public const string Currency = "currency";
    public const string Levels = "levels";
    public const string ExpertiseAreas = "expertiseAreas";

    public static ValidationException ForForm(ValidationException invalid, MentorProfileRequest sent, IStringLocalizer<Strings> text)
    {
        var mapped = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (path, messages) in invalid.Errors)
        {
            var (field, replaced) = path switch
            {
                "hourlyRate.amountMinor" => (Rate, RateMessage(text)),
                "hourlyRate.currency" => (Currency, null),
                "studentLevelsServed" => (Levels, null),
                _ when Item(path, ExpertiseAreas) is { } index => (ExpertiseAreas, AreaMessage(sent, index, text)),
                _ => (WithoutIndex(path), null),
            };
            if (!mapped.TryGetValue(field, out var list))
            {
                mapped[field] = list = [];
            }

            list.AddRange(replaced is null ? messages : [replaced]);
        }

        return new ValidationException(mapped.ToDictionary(e => e.Key, e => e.Value.Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal));
    }

    private static string RateMessage(IStringLocalizer<Strings> text) =>
        text["mentorapp.profile.rate_invalid", (MentorProfileService.MaxHourlyRateMinor / Money.MinorUnitsPerMajor).ToString("N0", CultureInfo.GetCultureInfo("en-IN"))];

    private static string AreaMessage(MentorProfileRequest sent, int index, IStringLocalizer<Strings> text)
    {
        var area = sent.ExpertiseAreas is { } areas && index < areas.Count ? areas[index] : "";
        return text["mentorapp.profile.area_too_long", area.Length > 30 ? area[..30] + "…" : area, FieldRules.MaxItemLength];
    }

    /// <summary><c>subjects[3]</c> → <c>subjects</c>: the form shows a list's messages beside the whole list.</summary>
    private static string WithoutIndex(string path) => path.IndexOf('[', StringComparison.Ordinal) is > 0 and var bracket ? path[..bracket] : path;

    private static int? Item(string path, string list) =>
        path.StartsWith(list + "[", StringComparison.Ordinal) && path.EndsWith(']')
        && int.TryParse(path.AsSpan(list.Length + 1, path.Length - list.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? index
            : null;
}
