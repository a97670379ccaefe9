using Gurukul.Platform.Errors;
using Gurukul.Platform.Localization;
using Microsoft.Extensions.Localization;
using NodaTime;
using NodaTime.Text;

namespace Gurukul.Features.Scheduling;

/// <summary>
/// Checks a <c>PUT /api/v1/me/availability</c> body and reports every bad value at once, each under its path
/// (<c>weekly[2].end</c>, <c>overrides[0].intervals[1].start</c>); the page maps the same paths back to its fields.
/// </summary>
public static class AvailabilityValidation
{
    public const int MaxIntervalsPerDay = 12;
    public const int MaxOverrides = 400;
    public const int MaxBufferMinutes = 120;
    public const int MaxNoticeMinutes = 20_160;
    public const int MaxSessionsPerDayLimit = 24;
    public const int MaxHorizonDays = 365;

    public static readonly IReadOnlyList<int> OfferableDurations = [15, 30, 45, 60, 90, 120];

    public static AvailabilitySettings Parse(AvailabilityRequest request, IStringLocalizer<Strings> text)
    {
        var errors = new FieldErrors();
        var zone = new FieldRules(errors, text).TimeZone("timezone", request.Timezone);

        var weekly = new List<(IsoDayOfWeek Day, DayInterval Hours)>();
        if (request.Weekly is null)
        {
            errors.Add("weekly", text["scheduling.validation.weekly_required"]);
        }
        else
        {
            var byDay = new Dictionary<IsoDayOfWeek, List<DayInterval>>();
            for (var i = 0; i < request.Weekly.Count; i++)
            {
                var path = $"weekly[{i}]";
                var entry = request.Weekly[i];
                var day = WallClock.Day(entry?.Day);
                if (day is null)
                {
                    errors.Add($"{path}.day", text["scheduling.validation.day"]);
                }

                if (Hours(path, entry?.Start, entry?.End, errors, text) is not { } hours || day is not { } known)
                {
                    continue;
                }

                if (!byDay.TryGetValue(known, out var same))
                {
                    byDay[known] = same = [];
                }

                if (Overlaps(same, hours))
                {
                    errors.Add($"{path}.start", text["scheduling.validation.overlap"]);
                }
                else if (same.Count == MaxIntervalsPerDay)
                {
                    errors.Add(path, text["scheduling.validation.too_many_intervals", MaxIntervalsPerDay]);
                }
                else
                {
                    same.Add(hours);
                    weekly.Add((known, hours));
                }
            }
        }

        var overrides = new List<(LocalDate Date, IReadOnlyList<DayInterval> Hours)>();
        var requestedOverrides = request.Overrides ?? [];
        if (requestedOverrides.Count > MaxOverrides)
        {
            errors.Add("overrides", text["scheduling.validation.too_many_overrides", MaxOverrides]);
        }

        for (var i = 0; i < requestedOverrides.Count && i < MaxOverrides; i++)
        {
            var path = $"overrides[{i}]";
            var entry = requestedOverrides[i];
            LocalDate? date = LocalDatePattern.Iso.Parse(entry?.Date?.Trim() ?? "") is { Success: true } parsed ? parsed.Value : null;
            if (date is null)
            {
                errors.Add($"{path}.date", text["scheduling.validation.date"]);
            }
            else if (overrides.Exists(o => o.Date == date))
            {
                errors.Add($"{path}.date", text["scheduling.validation.date_repeated"]);
            }

            if (entry?.Intervals is null)
            {
                errors.Add($"{path}.intervals", text["scheduling.validation.intervals_required"]);
                continue;
            }

            var hours = new List<DayInterval>();
            for (var j = 0; j < entry.Intervals.Count; j++)
            {
                var intervalPath = $"{path}.intervals[{j}]";
                if (Hours(intervalPath, entry.Intervals[j]?.Start, entry.Intervals[j]?.End, errors, text) is not { } interval)
                {
                    continue;
                }

                if (Overlaps(hours, interval))
                {
                    errors.Add($"{intervalPath}.start", text["scheduling.validation.overlap"]);
                }
                else if (hours.Count == MaxIntervalsPerDay)
                {
                    errors.Add(intervalPath, text["scheduling.validation.too_many_intervals", MaxIntervalsPerDay]);
                }
                else
                {
                    hours.Add(interval);
                }
            }

            if (date is { } known && !overrides.Exists(o => o.Date == known))
            {
                overrides.Add((known, [.. hours.OrderBy(h => h.StartMinute)]));
            }
        }

        var durations = request.Durations ?? [];
        if (durations.Count == 0)
        {
            errors.Add("durations", text["scheduling.validation.durations_required"]);
        }

        for (var i = 0; i < durations.Count; i++)
        {
            if (!OfferableDurations.Contains(durations[i]))
            {
                errors.Add($"durations[{i}]", text["scheduling.validation.duration", string.Join(", ", OfferableDurations)]);
            }
            else if (durations.IndexOf(durations[i]) < i)
            {
                errors.Add($"durations[{i}]", text["scheduling.validation.duration_repeated"]);
            }
        }

        var buffer = Within(request.BufferMinutes, 0, MaxBufferMinutes, "bufferMinutes", errors, text);
        var notice = Within(request.MinNoticeMinutes, 0, MaxNoticeMinutes, "minNoticeMinutes", errors, text);
        var horizon = Within(request.HorizonDays, 1, MaxHorizonDays, "horizonDays", errors, text);
        if (request.MaxSessionsPerDay is not null)
        {
            Within(request.MaxSessionsPerDay, 1, MaxSessionsPerDayLimit, "maxSessionsPerDay", errors, text);
        }

        errors.ThrowIfAny();
        return new AvailabilitySettings(
            zone!, [.. weekly.OrderBy(w => w.Day).ThenBy(w => w.Hours.StartMinute)], [.. overrides.OrderBy(o => o.Date)],
            [.. durations], buffer!.Value, notice!.Value, request.MaxSessionsPerDay, horizon!.Value);
    }

    private static DayInterval? Hours(string path, string? start, string? end, FieldErrors errors, IStringLocalizer<Strings> text)
    {
        var from = WallClock.Minutes(start, endOfDay: false);
        var to = WallClock.Minutes(end, endOfDay: true);
        if (from is null)
        {
            errors.Add($"{path}.start", text["scheduling.validation.start"]);
        }

        if (to is null)
        {
            errors.Add($"{path}.end", text["scheduling.validation.end"]);
        }
        else if (from is not null && to <= from)
        {
            errors.Add($"{path}.end", text["scheduling.validation.end_after_start"]);
        }

        return from is { } s && to is { } e && e > s ? new DayInterval(s, e) : null;
    }

    private static bool Overlaps(List<DayInterval> day, DayInterval hours) =>
        day.Exists(h => h.StartMinute < hours.EndMinute && hours.StartMinute < h.EndMinute);

    private static int? Within(int? value, int min, int max, string field, FieldErrors errors, IStringLocalizer<Strings> text)
    {
        if (value is { } number && number >= min && number <= max)
        {
            return number;
        }

        errors.Add(field, text["scheduling.validation.range", min, max]);
        return null;
    }
}
