using System.Globalization;
using Gurukul.Platform.Errors;
using NodaTime;
using NodaTime.Text;

namespace Gurukul.Features.Scheduling.Pages;

/// <summary>
/// The availability page's form, kept as typed so that a form with errors comes back exactly as the mentor left it. Rows
/// left empty are ignored; <see cref="ToRequest"/> builds the API's request from the rest and remembers which field each
/// request path came from, so the API's field errors (<c>weekly[3].end</c>) land beside the right input.
/// </summary>
public sealed class AvailabilityForm
{
    public const int BlankOverrideRows = 2;
    private const int MinWeeklyRows = 2;
    private const int IntervalsPerOverride = 2;

    private readonly Dictionary<string, string> _fieldOfPath = new(StringComparer.Ordinal);

    public string Timezone { get; set; } = "";
    public Dictionary<IsoDayOfWeek, List<(string Start, string End)>> Weekly { get; } = [];
    public List<OverrideRow> Overrides { get; } = [];
    public List<int> Durations { get; set; } = [];
    public string Buffer { get; set; } = "";
    public string Notice { get; set; } = "";
    public string Cap { get; set; } = "";
    public string Horizon { get; set; } = "";

    public static IEnumerable<IsoDayOfWeek> Days => Enumerable.Range(1, 7).Select(d => (IsoDayOfWeek)d);

    public static AvailabilityForm From(AvailabilitySettings settings)
    {
        var form = new AvailabilityForm
        {
            Timezone = settings.TimeZone, Durations = [.. settings.Durations], Buffer = Number(settings.BufferMinutes),
            Notice = Number(settings.MinNoticeMinutes), Cap = settings.MaxSessionsPerDay is { } cap ? Number(cap) : "", Horizon = Number(settings.HorizonDays),
        };
        foreach (var day in Days)
        {
            form.Weekly[day] = [.. settings.Weekly.Where(w => w.Day == day).Select(w => (WallClock.Format(w.Hours.StartMinute), WallClock.Format(w.Hours.EndMinute)))];
        }

        form.Overrides.AddRange(settings.Overrides.Select(o => new OverrideRow(
            LocalDatePattern.Iso.Format(o.Date), [.. o.Hours.Select(h => (WallClock.Format(h.StartMinute), WallClock.Format(h.EndMinute)))])));
        return form.WithBlankRows();
    }

    /// <summary>The form as posted (field names as <see cref="WeeklyField"/> and <see cref="OverrideField"/> write them).</summary>
    public static AvailabilityForm From(IFormCollection posted)
    {
        string Value(string name) => posted[name].ToString().Trim();
        var form = new AvailabilityForm
        {
            Timezone = Value("timezone"), Buffer = Value("buffer"), Notice = Value("notice"), Cap = Value("cap"), Horizon = Value("horizon"),
            Durations = [.. posted["durations"].Select(d => int.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) ? minutes : -1)],
        };
        foreach (var day in Days)
        {
            var rows = int.TryParse(Value($"w-{(int)day}-rows"), out var count) ? Math.Clamp(count, 0, AvailabilityValidation.MaxIntervalsPerDay + 1) : MinWeeklyRows;
            form.Weekly[day] = [.. Enumerable.Range(0, rows).Select(i => (Value(WeeklyField(day, i, "start")), Value(WeeklyField(day, i, "end"))))];
        }

        var overrideRows = int.TryParse(Value("o-rows"), out var overrides) ? Math.Clamp(overrides, 0, AvailabilityValidation.MaxOverrides + BlankOverrideRows) : 0;
        for (var i = 0; i < overrideRows; i++)
        {
            var intervals = int.TryParse(Value($"o-{i}-intervals"), out var n) ? Math.Clamp(n, 0, AvailabilityValidation.MaxIntervalsPerDay) : IntervalsPerOverride;
            form.Overrides.Add(new OverrideRow(Value(OverrideField(i, "date")),
                [.. Enumerable.Range(0, intervals).Select(j => (Value(OverrideField(i, $"{j}-start")), Value(OverrideField(i, $"{j}-end"))))]));
        }

        return form;
    }

    public static string WeeklyField(IsoDayOfWeek day, int row, string part) => $"w-{(int)day}-{row}-{part}";

    public static string OverrideField(int row, string part) => $"o-{row}-{part}";

    /// <summary>Adds an empty row to every day and blank override rows, so the mentor can add hours without JavaScript.</summary>
    public AvailabilityForm WithBlankRows()
    {
        foreach (var day in Days)
        {
            var rows = Weekly[day];
            while (rows.Count < MinWeeklyRows || rows[^1] != ("", ""))
            {
                rows.Add(("", ""));
            }
        }

        for (var i = 0; i < Overrides.Count; i++)
        {
            while (Overrides[i].Intervals.Count < IntervalsPerOverride)
            {
                Overrides[i].Intervals.Add(("", ""));
            }
        }

        for (var i = 0; i < BlankOverrideRows; i++)
        {
            Overrides.Add(new OverrideRow("", [.. Enumerable.Repeat(("", ""), IntervalsPerOverride)]));
        }

        return this;
    }

    /// <summary>The API request of what was filled in; rows with no times (weekly) or no date (overrides) are left out.</summary>
    public AvailabilityRequest ToRequest()
    {
        _fieldOfPath.Clear();
        var weekly = new List<WeeklyHoursDto?>();
        foreach (var day in Days)
        {
            for (var i = 0; i < Weekly[day].Count; i++)
            {
                var (start, end) = Weekly[day][i];
                if (start.Length == 0 && end.Length == 0)
                {
                    continue;
                }

                _fieldOfPath[$"weekly[{weekly.Count}]"] = WeeklyField(day, i, "start");
                _fieldOfPath[$"weekly[{weekly.Count}].start"] = WeeklyField(day, i, "start");
                _fieldOfPath[$"weekly[{weekly.Count}].end"] = WeeklyField(day, i, "end");
                weekly.Add(new WeeklyHoursDto(WallClock.DayName(day), start, end));
            }
        }

        var overrides = new List<DateOverrideDto?>();
        for (var i = 0; i < Overrides.Count; i++)
        {
            var row = Overrides[i];
            if (row.Date.Length == 0)
            {
                continue;
            }

            var path = $"overrides[{overrides.Count}]";
            _fieldOfPath[$"{path}.date"] = OverrideField(i, "date");
            _fieldOfPath[$"{path}.intervals"] = OverrideField(i, "date");
            var intervals = new List<HoursDto?>();
            for (var j = 0; j < row.Intervals.Count; j++)
            {
                var (start, end) = row.Intervals[j];
                if (start.Length == 0 && end.Length == 0)
                {
                    continue;
                }

                _fieldOfPath[$"{path}.intervals[{intervals.Count}]"] = OverrideField(i, $"{j}-start");
                _fieldOfPath[$"{path}.intervals[{intervals.Count}].start"] = OverrideField(i, $"{j}-start");
                _fieldOfPath[$"{path}.intervals[{intervals.Count}].end"] = OverrideField(i, $"{j}-end");
                intervals.Add(new HoursDto(start, end));
            }

            overrides.Add(new DateOverrideDto(row.Date, intervals));
        }

        return new AvailabilityRequest(
            Timezone, weekly, Durations, Whole(Buffer), Whole(Notice), Whole(Horizon),
            Overrides: overrides, MaxSessionsPerDay: Cap.Length == 0 ? null : Whole(Cap) ?? -1);
    }

    /// <summary>The API's field errors keyed by the form field each belongs beside.</summary>
    public IReadOnlyDictionary<string, string[]> FieldErrors(ValidationException invalid) =>
        invalid.Errors.GroupBy(e => FieldOf(e.Key), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.SelectMany(e => e.Value).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);

    private string FieldOf(string path) => _fieldOfPath.TryGetValue(path, out var field) ? field : path switch
    {
        _ when path.StartsWith("durations", StringComparison.Ordinal) => "durations",
        "bufferMinutes" => "buffer",
        "minNoticeMinutes" => "notice",
        "maxSessionsPerDay" => "cap",
        "horizonDays" => "horizon",
        "overrides" => OverrideField(0, "date"),
        _ => path,
    };

    private static int? Whole(string text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One date with its own hours as typed; no times is a day off.</summary>
public sealed record OverrideRow(string Date, List<(string Start, string End)> Intervals);
