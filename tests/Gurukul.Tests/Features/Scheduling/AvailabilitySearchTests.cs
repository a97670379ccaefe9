using System.Net;
using Gurukul.Features.Scheduling;
using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;
using Xunit;
using static Gurukul.Tests.Features.Discovery.SearchSetup;
using static Gurukul.Tests.Features.Scheduling.SchedulingApi;

namespace Gurukul.Tests.Features.Scheduling;

/// <summary>
/// Search's <c>availableFrom</c>/<c>availableTo</c> (API.md): a mentor matches when a slot of any length they offer starts in
/// the window. Answered from each node's availability index, which follows every write like the search index does.
/// </summary>
public sealed class AvailabilitySearchTests
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    [Theory, AllProviders]
    public async Task Window_KeepsExactlyTheMentorsWithAStartInIt(DatabaseProvider provider)
    {
        await using var app = await GurukulApp.StartAsync(provider);
        var client = app.CreateClient();
        var marker = Marker();
        var monday = await CreateAsync(app, client, "Monday Morning", p => p.Bio = marker);
        await (await PutAsync(client, monday.Token, Availability("Europe/London", weekly: [new { day = "monday", start = "09:00", end = "12:00" }], durations: [60, 90])))
            .JsonAsync(HttpStatusCode.OK);
        var distant = await CreateAsync(app, client, "Far Ahead", p => p.Bio = marker);
        await (await PutAsync(client, distant.Token, Availability("Europe/London", weekly: EveryDay("09:00", "12:00"), minNoticeMinutes: 20_160)))
            .JsonAsync(HttpStatusCode.OK);
        await CreateAsync(app, client, "Never Set", p => p.Bio = marker);

        // The Monday after next, in London: starts 09:00, 09:30 … 11:00 (60 minutes; 90-minute sessions start up to 10:30).
        var today = SystemClock.Instance.GetCurrentInstant().InZone(London).Date;
        var day = today.Next(IsoDayOfWeek.Monday).PlusWeeks(1);
        string At(int hour, int minute) => InstantPattern.ExtendedIso.Format(day.At(new LocalTime(hour, minute)).InZoneStrictly(London).ToInstant());
        async Task<List<string>> Found(string from, string to) =>
            Slugs(await GetAsync(client, $"{Q(marker)}&sort=rating&availableFrom={from}&availableTo={to}"));

        Assert.Equal([monday.Slug], await Found(At(9, 0), At(9, 1)));
        Assert.Equal([monday.Slug], await Found(At(10, 59), At(11, 1)));
        Assert.Empty(await Found(At(10, 45), At(11, 0)));
        Assert.Empty(await Found(At(11, 1), At(23, 0)));
        Assert.Empty(await Found(At(9, 1), At(9, 30)));
        // Two weeks' notice: the far-ahead mentor only matches from a fortnight on.
        var fortnight = today.PlusDays(16);
        Assert.Equal([distant.Slug], await Found(Iso(fortnight), Iso(fortnight)));
        Assert.DoesNotContain(distant.Slug, await Found(Iso(today), Iso(today.PlusDays(12))));

        // Facets and totals count the same mentors.
        var page = await GetAsync(client, $"{Q(marker)}&availableFrom={At(9, 0)}&availableTo={At(12, 0)}");
        Assert.Equal(1, page.GetProperty("total").GetInt32());
        var facets = await GetAsync(client, $"{Q(marker)}&availableFrom={At(9, 0)}&availableTo={At(12, 0)}", path: "/api/v1/mentors/facets");
        Assert.Equal(1, facets.GetProperty("levels").EnumerateArray().Max(l => l.GetProperty("count").GetInt32()));
    }

    [Theory, AllProviders]
    public async Task AvailabilityChanges_OnOneNode_OrStraightInTheDatabase_ShowInTheNextSearchOnAnother(DatabaseProvider provider)
    {
        await using var nodeA = await GurukulApp.StartAsync(provider);
        await using var nodeB = new GurukulApp(nodeA.Database, ownsDatabase: false);
        var a = nodeA.CreateClient();
        var b = nodeB.CreateClient();
        var marker = Marker();
        var mentor = await CreateAsync(nodeA, a, "Changing Hours", p => p.Bio = marker);
        var today = SystemClock.Instance.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Asia/Kolkata"]).Date;
        var window = $"{Q(marker)}&availableFrom={Iso(today.PlusDays(2))}&availableTo={Iso(today.PlusDays(9))}";
        // Node B loads its index before the mentor has any hours.
        Assert.Empty(Slugs(await GetAsync(b, window)));

        await (await PutAsync(a, mentor.Token, Availability("Asia/Kolkata", weekly: EveryDay("18:00", "20:00")))).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([mentor.Slug], Slugs(await GetAsync(b, window)));

        // Every day of the window off, through the API.
        var daysOff = Enumerable.Range(0, 12).Select(d => (object)new { date = Iso(today.PlusDays(d)), intervals = Array.Empty<object>() }).ToArray();
        await (await PutAsync(a, mentor.Token, Availability("Asia/Kolkata", weekly: EveryDay("18:00", "20:00"), overrides: daysOff))).JsonAsync(HttpStatusCode.OK);
        Assert.Empty(Slugs(await GetAsync(b, window)));

        // Straight to the database: the triggers of migration 0012 move the availability clock.
        await using (var scope = nodeA.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GurukulDbContext>();
            await db.Set<DateOverride>().Where(o => o.MentorId == mentor.Id && o.Date == today.PlusDays(5)).ExecuteDeleteAsync();
        }

        Assert.Equal([mentor.Slug], Slugs(await GetAsync(b, window)));
        await using (var scope = nodeA.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GurukulDbContext>();
            await db.Set<WeeklyHours>().Where(w => w.MentorId == mentor.Id).ExecuteUpdateAsync(s => s.SetProperty(w => w.EndMinute, 18 * 60 + 15));
        }

        // 18:00–18:15 cannot hold an hour's session.
        Assert.Empty(Slugs(await GetAsync(b, window)));
    }
}
