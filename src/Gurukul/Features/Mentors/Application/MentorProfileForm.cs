using System.Globalization;
using System.Text;
using Gurukul.Platform;

namespace Gurukul.Features.Mentors.Application;

/// <summary>
/// The mentor profile form as the browser sends it: every field kept as typed, so a form that comes back with errors
/// shows exactly what the mentor wrote. <see cref="ToRequest"/> turns it into the API's request for
/// <see cref="MentorProfileService.SaveAsync"/>, which alone decides what is valid.
/// </summary>
public sealed class MentorProfileForm
{
    public const string DefaultCurrency = "INR";
    public const string DefaultCountry = "IN";

    public string? Headline { get; set; }
    public string? Bio { get; set; }
    public string? Company { get; set; }
    public string? University { get; set; }
    public string? ExperienceYears { get; set; }

    /// <summary>One area per line, or several on a line separated by commas.</summary>
    public string? ExpertiseAreas { get; set; }
    public List<string>? Subjects { get; set; }
    public List<string>? Levels { get; set; }

    /// <summary>Major units (rupees, dollars), as typed: <c>800</c>, <c>1,250.50</c>, <c>८००</c>.</summary>
    public string? Rate { get; set; }
    public string? Currency { get; set; }
    public string? PrimaryLanguage { get; set; }
    public List<string>? LanguagesSpoken { get; set; }
    public string? Timezone { get; set; }
    public string? City { get; set; }
    public string? State { get; set; }
    public string? Country { get; set; }

    /// <summary>A first profile: India and rupees chosen, the time zone left for the browser (or the mentor) to fill in.</summary>
    public static MentorProfileForm ForNewMentor() => new() { Currency = DefaultCurrency, Country = DefaultCountry };

    public static MentorProfileForm From(MentorProfileDto profile) => new()
    {
        Headline = profile.Headline,
        Bio = profile.Bio,
        Company = profile.Company,
        University = profile.University,
        ExperienceYears = profile.ExperienceYears.ToString(CultureInfo.InvariantCulture),
        ExpertiseAreas = string.Join('\n', profile.ExpertiseAreas),
        Subjects = [.. profile.Subjects],
        Levels = [.. profile.StudentLevelsServed],
        Rate = profile.HourlyRate.AmountMinor is { } minor and > 0 ? RateInput.FromMinor(minor) : null,
        Currency = profile.HourlyRate.Currency,
        PrimaryLanguage = profile.PrimaryLanguage,
        // The primary language is always among the spoken ones; the form shows it in its own field only.
        LanguagesSpoken = [.. profile.LanguagesSpoken.Where(code => code != profile.PrimaryLanguage)],
        Timezone = profile.Timezone,
        City = profile.City,
        State = profile.State,
        Country = profile.Country,
    };

    public MentorProfileRequest ToRequest() => new(
        Headline, Bio, ParseYears(ExperienceYears), SplitAreas(ExpertiseAreas), Subjects ?? [], Levels ?? [],
        new MoneyDto(RateInput.ToMinor(Rate), Currency), PrimaryLanguage, LanguagesSpoken ?? [], Timezone, Country,
        Company: Company, University: University, City: City, State: State);

    public bool Has(List<string>? chosen, string value) => chosen?.Contains(value, StringComparer.Ordinal) == true;

    /// <summary>Lines and commas both separate areas: people paste lists either way. Empty pieces are dropped.</summary>
    public static List<string> SplitAreas(string? text) =>
        [.. (text ?? "").Split(['\n', '\r', ','], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>A whole number of years, in any script's digits; anything else is null, which the service refuses with its message.</summary>
    private static int? ParseYears(string? text) =>
        int.TryParse(RateInput.AsciiDigits(text?.Trim() ?? ""), NumberStyles.None, CultureInfo.InvariantCulture, out var years) ? years : null;
}

/// <summary>The hourly rate field: people type rupees (or dollars), the API counts paise (or cents).</summary>
public static class RateInput
{
    /// <summary>
    /// <c>800</c> → 80000; <c>1,250.50</c> and <c>1,00,000</c> (lakh grouping) work, as do Devanagari and Telugu digits and a
    /// leading ₹ or $. More than two decimals, or anything else, is null: the service then names the field.
    /// </summary>
    public static long? ToMinor(string? text)
    {
        var cleaned = new StringBuilder();
        foreach (var c in AsciiDigits(text?.Trim() ?? ""))
        {
            if (c is ',' or ' ' or '\u00A0' or '_' or '₹' or '$')
            {
                continue;
            }

            cleaned.Append(c);
        }

        var value = cleaned.ToString();
        var point = value.IndexOf('.', StringComparison.Ordinal);
        if (value.Length is 0 or > 18 || (point >= 0 && value.Length - point - 1 > 2)
            || !decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var major))
        {
            return null;
        }

        return (long)(major * Money.MinorUnitsPerMajor);
    }

    /// <summary>80000 → <c>800</c>, 75050 → <c>750.50</c>: what the mentor would type.</summary>
    public static string FromMinor(long minor) =>
        minor % Money.MinorUnitsPerMajor == 0
            ? (minor / Money.MinorUnitsPerMajor).ToString(CultureInfo.InvariantCulture)
            : ((decimal)minor / Money.MinorUnitsPerMajor).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Every script's decimal digits (०–९, ౦–౯ …) as 0–9, so a phone keyboard in Hindi or Telugu works.</summary>
    public static string AsciiDigits(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            result.Append(char.IsDigit(c) ? (char)('0' + CharUnicodeInfo.GetDecimalDigitValue(c)) : c);
        }

        return result.ToString();
    }
}
