using Gurukul.Features.Scheduling;
using NodaTime;

namespace Gurukul.Tests.Features.Scheduling;

/// <summary>
/// The slot rules of API.md checked one minute at a time, independently of <see cref="SlotFinder"/>: every instant (on a
/// whole minute) is read as a local date and time in the mentor's zone, and a session is free when every minute of it reads
/// as a time inside the same interval of its start's date. Slow and obviously right; the engine must agree with it exactly.
/// </summary>
internal static class BruteForceSlots
{
    public static List<Instant> Starts(ScheduleCase c, int duration, Instant earliest, Instant endBefore)
    {
        var rules = c.Rules;
        var step = duration == 15 ? 15 : 30;
        // Each minute of the range (with room for the longest session) labelled with the interval its local time lies in.
        var first = c.Range.Start;
        var minutes = (int)(c.Range.End - first).TotalMinutes + 180;
        var owner = new (LocalDate Date, int Interval)?[minutes];
        var localMinute = new int[minutes];
        for (var i = 0; i < minutes; i++)
        {
            var local = (first + Duration.FromMinutes(i)).InZone(c.Zone).LocalDateTime;
            localMinute[i] = (local.Hour * 60) + local.Minute;
            var hours = rules.On(local.Date);
            for (var h = 0; h < hours.Count; h++)
            {
                if (localMinute[i] >= hours[h].StartMinute && localMinute[i] < hours[h].EndMinute)
                {
                    owner[i] = (local.Date, h);
                }
            }
        }

        var takenPerDate = c.Taken.GroupBy(t => t.Start.InZone(c.Zone).Date).ToDictionary(g => g.Key, g => g.Count());
        var starts = new List<Instant>();
        for (var i = 0; i + duration <= minutes; i++)
        {
            var start = first + Duration.FromMinutes(i);
            if (start < earliest || start >= endBefore || owner[i] is not { } home)
            {
                continue;
            }

            var interval = rules.On(home.Date)[home.Interval];
            if ((localMinute[i] - interval.StartMinute) % step != 0
                || (c.MaxSessionsPerDay is { } cap && takenPerDate.GetValueOrDefault(home.Date) >= cap)
                || Enumerable.Range(i, duration).Any(m => owner[m] != home))
            {
                continue;
            }

            var end = start + Duration.FromMinutes(duration);
            var buffer = Duration.FromMinutes(c.BufferMinutes);
            if (c.Taken.Any(t => start < t.End + buffer && t.Start - buffer < end))
            {
                continue;
            }

            starts.Add(start);
        }

        return starts;
    }
}
