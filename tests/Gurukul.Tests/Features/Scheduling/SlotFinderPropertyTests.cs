using FsCheck;
using FsCheck.Fluent;
using Gurukul.Features.Scheduling;
using NodaTime;
using Xunit;

namespace Gurukul.Tests.Features.Scheduling;

/// <summary>
/// The slot engine over generated rules, zones and taken sessions around DST transitions (<see cref="ScheduleCase"/>),
/// with FsCheck. Fixed seeds, so CI sees the same cases every run; change a seed locally to explore more.
/// </summary>
public sealed class SlotFinderPropertyTests
{
    private const int Cases = 400;

    [Fact]
    public void EverySlot_LiesInOneIntervalInLocalTime_LastsItsDuration_AndKeepsBufferNoticeHorizonAndCap() => Check(10_401, c =>
    {
        var rules = c.Rules;
        var (earliest, endBefore) = rules.BookableWindow(c.Now, c.Range.Start, c.Range.End);
        var buffer = Duration.FromMinutes(c.BufferMinutes);
        var takenPerDate = c.Taken.GroupBy(t => t.Start.InZone(c.Zone).Date).ToDictionary(g => g.Key, g => g.Count());
        foreach (var duration in c.Durations)
        {
            var slots = SlotFinder.Slots(rules, duration, earliest, endBefore, c.Taken);
            Assert.Equal(slots.Count, slots.Select(s => s.Start).Distinct().Count());
            Assert.Equal(slots.OrderBy(s => s.Start), slots);
            foreach (var slot in slots)
            {
                Assert.Equal(Duration.FromMinutes(duration), slot.End - slot.Start);
                Assert.True(slot.Start >= c.Now + Duration.FromMinutes(c.MinNoticeMinutes), $"{slot} is inside the notice");
                Assert.True(slot.Start < c.Now + Duration.FromDays(c.HorizonDays), $"{slot} is past the horizon");
                Assert.DoesNotContain(c.Taken, t => slot.Start < t.End + buffer && t.Start - buffer < slot.End);

                var date = slot.Start.InZone(c.Zone).Date;
                Assert.True(c.MaxSessionsPerDay is null || takenPerDate.GetValueOrDefault(date) < c.MaxSessionsPerDay, $"{slot}: the day is full");
                var interval = Assert.Single(rules.On(date), h => Inside(slot.Start, date, h, c.Zone));
                // Every minute of the session reads, in the mentor's zone, as a time of that same interval on that date.
                for (var minute = slot.Start; minute < slot.End; minute += Duration.FromMinutes(1))
                {
                    Assert.True(Inside(minute, date, interval, c.Zone), $"{slot} leaves {WallClock.Format(interval.StartMinute)}–{WallClock.Format(interval.EndMinute)} at {minute}");
                }

                var local = slot.Start.InZone(c.Zone).TimeOfDay;
                Assert.Equal(0, ((local.Hour * 60) + local.Minute - interval.StartMinute) % (duration == 15 ? 15 : 30));
            }
        }
    });

    [Fact]
    public void NoFreeSlotIsMissed_TheEngineOffersExactlyWhatAMinuteByMinuteCheckFinds() => Check(10_402, c =>
    {
        var (earliest, endBefore) = c.Rules.BookableWindow(c.Now, c.Range.Start, c.Range.End);
        foreach (var duration in c.Durations)
        {
            var offered = SlotFinder.Slots(c.Rules, duration, earliest, endBefore, c.Taken).Select(s => s.Start).ToList();
            Assert.Equal(BruteForceSlots.Starts(c, duration, earliest, endBefore), offered);
        }
    });

    [Fact]
    public void Runs_AreTheSlotsWithoutListingThem_AndTheShortestDurationsStartsIncludeEveryLongerOnes() => Check(10_403, c =>
    {
        var (earliest, endBefore) = c.Rules.BookableWindow(c.Now, c.Range.Start, c.Range.End);
        var shortest = c.Durations.Min();
        var shortestStarts = SlotFinder.Slots(c.Rules, shortest, earliest, endBefore, c.Taken).Select(s => s.Start).ToHashSet();
        foreach (var duration in c.Durations)
        {
            var runs = SlotFinder.Runs(c.Rules, duration, earliest, endBefore, c.Taken);
            var fromRuns = runs.SelectMany(r => Enumerable.Range(0, r.Count).Select(k => r.First + (r.Step * k))).ToList();
            Assert.Equal(SlotFinder.Slots(c.Rules, duration, earliest, endBefore, c.Taken).Select(s => s.Start), fromRuns);
            // What the availability index relies on: a mentor with any slot in a window has one of the shortest length there.
            Assert.Subset(shortestStarts, fromRuns.ToHashSet());
        }
    });

    private static bool Inside(Instant instant, LocalDate date, DayInterval hours, DateTimeZone zone)
    {
        var local = instant.InZone(zone).LocalDateTime;
        var minute = (local.Hour * 60) + local.Minute;
        return local.Date == date && minute >= hours.StartMinute && minute < hours.EndMinute;
    }

    private static void Check(ulong seed, Action<ScheduleCase> property) =>
        Prop.ForAll(ScheduleCase.Arbitrary, property).Check(Config.QuickThrowOnFailure.WithMaxTest(Cases).WithReplay(seed, 7));
}
