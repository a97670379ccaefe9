using System.Globalization;
using Gurukul.Platform.Localization;
using Microsoft.Extensions.Localization;

namespace Gurukul.Features.Mentors.Verification.Pages;

/// <summary>How the verification pages show times and sizes: "3 days ago" beside the exact UTC time, "1.4 MB".</summary>
public static class VerificationPageText
{
    public static string Ago(DateTime at, DateTime now, IStringLocalizer<Strings> text)
    {
        var age = now - at;
        return age switch
        {
            { TotalMinutes: < 1 } => text["verification.ago.now"],
            { TotalHours: < 1 } => text["verification.ago.minutes", (int)age.TotalMinutes],
            { TotalHours: < 2 } => text["verification.ago.hour"],
            { TotalDays: < 1 } => text["verification.ago.hours", (int)age.TotalHours],
            { TotalDays: < 2 } => text["verification.ago.day"],
            _ => text["verification.ago.days", (int)age.TotalDays],
        };
    }

    /// <summary>In UTC, said so: staff work from several time zones, and the audit log speaks UTC too.</summary>
    public static string Absolute(DateTime at) => at.ToString("d MMM yyyy, HH:mm 'UTC'", CultureInfo.CurrentCulture);

    public static string Iso(DateTime at) => at.ToString("O", CultureInfo.InvariantCulture);

    public static string Size(long bytes, IStringLocalizer<Strings> text) => bytes < 1024 * 1024
        ? text["verification.app.size_kb", Math.Max(1, (int)Math.Round(bytes / 1024.0))]
        : text["verification.app.size_mb", Math.Round(bytes / (1024.0 * 1024.0), 1).ToString("0.#", CultureInfo.CurrentCulture)];
}
