using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Gurukul.Features.Scheduling;
using Microsoft.Data.Sqlite;
using Npgsql;
using NodaTime;

namespace Gurukul.Bench.Scheduling;

/// <summary>
/// <c>slot-cost</c>: for a sample of mentors with availability, what a month of slots costs to compute (the app's own
/// engine, <see cref="SlotFinder"/>) against one plain SQL query that reads the same mentor's rows (rules, weekly hours,
/// overrides) from the database: how close computing slots comes to just reading the data (issue 10).
/// </summary>
public static class SlotCostCommand
{
    private const string PostgresRows = """
        SELECT 0, a.time_zone, array_to_string(a.durations, ','), a.buffer_minutes, a.min_notice_minutes, a.max_sessions_per_day, a.horizon_days, NULL::date
        FROM mentor_availability a WHERE a.mentor_id = @id
        UNION ALL SELECT 1, NULL, NULL, w.day, w.start_minute, w.end_minute, NULL, NULL FROM mentor_weekly_hours w WHERE w.mentor_id = @id
        UNION ALL SELECT 2, NULL, NULL, NULL, NULL, NULL, NULL, o.date FROM mentor_date_overrides o WHERE o.mentor_id = @id AND o.date >= @from
        UNION ALL SELECT 3, NULL, NULL, NULL, h.start_minute, h.end_minute, NULL, h.date FROM mentor_override_hours h WHERE h.mentor_id = @id AND h.date >= @from
        """;

    private const string SqliteRows = """
        SELECT 0, a.time_zone, a.durations, a.buffer_minutes, a.min_notice_minutes, a.max_sessions_per_day, a.horizon_days, NULL
        FROM mentor_availability a WHERE a.mentor_id = @id
        UNION ALL SELECT 1, NULL, NULL, w.day, w.start_minute, w.end_minute, NULL, NULL FROM mentor_weekly_hours w WHERE w.mentor_id = @id
        UNION ALL SELECT 2, NULL, NULL, NULL, NULL, NULL, NULL, o.date FROM mentor_date_overrides o WHERE o.mentor_id = @id AND o.date >= @from
        UNION ALL SELECT 3, NULL, NULL, NULL, h.start_minute, h.end_minute, NULL, h.date FROM mentor_override_hours h WHERE h.mentor_id = @id AND h.date >= @from
        """;

    public static async Task<int> RunAsync(Arguments arguments)
    {
        var provider = arguments.RequiredText("provider");
        var connectionString = arguments.RequiredText("connection");
        var sample = arguments.Number("mentors", 2000, 1, 100_000);
        var rounds = arguments.Number("rounds", 3, 1, 20);
        arguments.RejectUnknown();
        var postgres = provider is "postgres" or "postgresql";

        await using DbConnection connection = postgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var ids = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            // Every k-th mentor with availability, in id order: the same sample each run.
            list.CommandText = "SELECT mentor_id FROM mentor_availability ORDER BY mentor_id";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                ids.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!);
            }
        }

        var step = Math.Max(1, ids.Count / sample);
        var chosen = ids.Where((_, i) => i % step == 0).Take(sample).ToList();
        await using var read = connection.CreateCommand();
        read.CommandText = postgres ? PostgresRows : SqliteRows;
        var idParameter = read.CreateParameter();
        idParameter.ParameterName = "id";
        var fromParameter = read.CreateParameter();
        fromParameter.ParameterName = "from";
        read.Parameters.Add(idParameter);
        read.Parameters.Add(fromParameter);
        var now = SystemClock.Instance.GetCurrentInstant();
        var viewer = DateTimeZoneProviders.Tzdb["Asia/Kolkata"];
        var first = now.InZone(viewer).Date;
        var today = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        if (postgres)
        {
            // Prepared, as the app's statements are (ADR 0016); the parameters' types come from their first values.
            idParameter.Value = Guid.Parse(chosen[0]);
            fromParameter.Value = today;
            await ((NpgsqlCommand)read).PrepareAsync();
        }

        var sqlTimes = new List<double>();
        var computeTimes = new List<double>();
        var slotCounts = new List<int>();
        var dayCounts = new List<int>();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var id in chosen)
            {
                idParameter.Value = postgres ? Guid.Parse(id) : id;
                fromParameter.Value = postgres ? today : today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                var started = Stopwatch.GetTimestamp();
                var rows = new List<object?[]>();
                await using (var reader = await read.ExecuteReaderAsync())
                {
                    while (await reader.ReadAsync())
                    {
                        var row = new object?[reader.FieldCount];
                        reader.GetValues(row!);
                        rows.Add([.. row.Select(v => v is DBNull ? null : v)]);
                    }
                }

                sqlTimes.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);

                started = Stopwatch.GetTimestamp();
                var settings = Settings(rows);
                var rules = settings.Rules();
                var (earliest, endBefore) = rules.BookableWindow(now, first.AtStartOfDayInZone(viewer).ToInstant(), first.PlusDays(31).AtStartOfDayInZone(viewer).ToInstant());
                var slots = SlotFinder.Slots(rules, settings.Durations[0], earliest, endBefore, []);
                var days = slots.GroupBy(s => s.Start.InZone(viewer).Date).Count();
                computeTimes.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
                slotCounts.Add(slots.Count);
                dayCounts.Add(days);
            }
        }

        Console.WriteLine($"slot-cost on {provider}: {chosen.Count:N0} mentors × {rounds} rounds; a month (31 days, viewer in Asia/Kolkata) of each mentor's first length.");
        Console.WriteLine($"  slots per month: median {Percentile(slotCounts.Select(c => (double)c).ToList(), 0.5):N0}, p95 {Percentile(slotCounts.Select(c => (double)c).ToList(), 0.95):N0}; days with slots: median {Percentile(dayCounts.Select(c => (double)c).ToList(), 0.5):N0}");
        Console.WriteLine($"  one SQL query reading the mentor's rows:   median {Percentile(sqlTimes, 0.5),8:N1} µs   p95 {Percentile(sqlTimes, 0.95),8:N1} µs");
        Console.WriteLine($"  rules from the rows + the month's slots:   median {Percentile(computeTimes, 0.5),8:N1} µs   p95 {Percentile(computeTimes, 0.95),8:N1} µs");
        Console.WriteLine($"  ratio (computation ÷ query), medians: {Percentile(computeTimes, 0.5) / Percentile(sqlTimes, 0.5):N2}; means: {computeTimes.Average() / sqlTimes.Average():N2}");
        return 0;
    }

    private static AvailabilitySettings Settings(List<object?[]> rows)
    {
        var head = rows.Single(r => Convert.ToInt32(r[0], CultureInfo.InvariantCulture) == 0);
        int Int(object? value) => Convert.ToInt32(value, CultureInfo.InvariantCulture);
        LocalDate Date(object? value) => LocalDate.FromDateOnly(value is DateOnly date ? date : DateOnly.Parse((string)value!, CultureInfo.InvariantCulture));
        var durations = ((string)head[2]!).Trim('[', ']').Split(',').Select(d => int.Parse(d, CultureInfo.InvariantCulture)).ToList();
        var weekly = rows.Where(r => Int(r[0]) == 1).Select(r => ((IsoDayOfWeek)Int(r[3]), new DayInterval(Int(r[4]), Int(r[5])))).ToList();
        var hours = rows.Where(r => Int(r[0]) == 3).ToLookup(r => Date(r[7]), r => new DayInterval(Int(r[4]), Int(r[5])));
        var overrides = rows.Where(r => Int(r[0]) == 2).Select(r => Date(r[7])).Select(d => (d, (IReadOnlyList<DayInterval>)[.. hours[d]])).ToList();
        return new AvailabilitySettings((string)head[1]!, weekly, overrides, durations, Int(head[3]), Int(head[4]),
            head[5] is null ? null : Int(head[5]), Int(head[6]));
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }
}
