using System.Net;
using System.Text.RegularExpressions;
using Gurukul.Features.Scheduling;
using Gurukul.Platform.Data;
using Gurukul.Tests.Features.Mentors;
using Gurukul.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Xunit;
using static Gurukul.Tests.Features.Scheduling.SchedulingApi;

namespace Gurukul.Tests.Features.Scheduling;

/// <summary>
/// Each node keeps public mentors' rules in its <see cref="AvailabilityCache"/> (ADR 0021): the slots API and the profile
/// calendar must still show every change at once, made through another node or straight in the database.
/// </summary>
public sealed partial class AvailabilityCacheTests
{
    private static readonly DateTimeZone Kolkata = DateTimeZoneProviders.Tzdb["Asia/Kolkata"];

    [Theory, AllProviders]
    public async Task SlotsAndCalendar_OnANodeThatCachedTheRules_ShowEveryChangeFromAnotherNodeOrTheDatabaseAtOnce(DatabaseProvider provider)
    {
        await using var nodeA = await GurukulApp.StartAsync(provider);
        await using var nodeB = new GurukulApp(nodeA.Database, ownsDatabase: false);
        var a = nodeA.CreateClient();
        var b = nodeB.CreateClient();
        var mentor = await MentorSetup.CreateAsync(nodeA, a, "Cached Hours");
        var tomorrow = SystemClock.Instance.GetCurrentInstant().InZone(Kolkata).Date.PlusDays(1);
        var week = $"from={Iso(tomorrow)}&to={Iso(tomorrow.PlusDays(6))}&timezone=Asia/Kolkata";
        async Task<List<string>> Starts() =>
            [.. Slots(await SlotsAsync(b, mentor.Slug, week)).Select(s => s.Start.InZone(Kolkata).ToString("yyyy-MM-dd HH:mm", null))];
        List<string> Expected(IEnumerable<LocalDate> dates, params string[] times) =>
            [.. dates.SelectMany(d => times.Select(t => $"{Iso(d)} {t}"))];
        var days = Enumerable.Range(0, 7).Select(tomorrow.PlusDays).ToList();

        // Node B reads (and keeps) the mentor before they set any hours, then twice after each change.
        Assert.Empty(await Starts());
        await (await PutAsync(a, mentor.Token, Availability("Asia/Kolkata", weekly: EveryDay("10:00", "11:30")))).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(Expected(days, "10:00", "10:30"), await Starts());
        Assert.Equal(Expected(days, "10:00", "10:30"), await Starts());

        await (await PutAsync(a, mentor.Token, Availability("Asia/Kolkata", weekly: EveryDay("14:00", "15:00"),
            overrides: [new { date = Iso(tomorrow.PlusDays(2)), intervals = Array.Empty<object>() }]))).JsonAsync(HttpStatusCode.OK);
        var withoutDayOff = days.Where(d => d != tomorrow.PlusDays(2)).ToList();
        Assert.Equal(Expected(withoutDayOff, "14:00"), await Starts());
        Assert.Equal(Expected(withoutDayOff, "14:00"), await Starts());
        Assert.Equal(["14:00"], await CalendarTimesAsync(b, mentor.Slug, tomorrow));

        // Straight to the database: the triggers of migration 0012 move the availability clock, which node B reads.
        await using (var scope = nodeA.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GurukulDbContext>();
            await db.Set<DateOverride>().Where(o => o.MentorId == mentor.Id).ExecuteDeleteAsync();
        }

        Assert.Equal(Expected(days, "14:00"), await Starts());
        await using (var scope = nodeA.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GurukulDbContext>();
            await db.Set<WeeklyHours>().Where(w => w.MentorId == mentor.Id).ExecuteUpdateAsync(s => s.SetProperty(w => w.EndMinute, 16 * 60));
        }

        Assert.Equal(Expected(days, "14:00", "14:30", "15:00"), await Starts());
        Assert.Equal(["14:00", "14:30", "15:00"], await CalendarTimesAsync(b, mentor.Slug, tomorrow));
    }

    /// <summary>The start times the profile page's calendar lists for <paramref name="day"/>, read in Kolkata.</summary>
    private static async Task<List<string>> CalendarTimesAsync(HttpClient client, string slug, LocalDate day)
    {
        var page = await client.GetStringAsync($"/mentors/{slug}?month={Iso(day)[..7]}&day={Iso(day)}&tz=Asia/Kolkata");
        return [.. SlotTime().Matches(page).Select(m => m.Groups[1].Value)];
    }

    [GeneratedRegex("""<time datetime="[^"]+" class="font-semibold">(\d\d:\d\d)</time>""")]
    private static partial Regex SlotTime();
}
