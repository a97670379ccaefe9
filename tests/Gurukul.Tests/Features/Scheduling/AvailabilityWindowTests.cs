using Gurukul.Features.Discovery;
using Gurukul.Features.Scheduling;
using NodaTime;
using Xunit;

namespace Gurukul.Tests.Features.Scheduling;

/// <summary>
/// The availability index's shortcuts (day and hour bits, whole units inside a window) must answer exactly what the exact
/// search of each mentor's runs answers, for windows of every shape: a few minutes, an evening, a day, a week, across hour
/// and day edges, near the notice and past the hour bits. Generated from fixed seeds.
/// </summary>
public sealed class AvailabilityWindowTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Window_KeepsExactlyTheMentorsTheExactSearchFinds(int seed)
    {
        var random = new Random(seed);
        var computedAt = Instant.FromUtc(2027, 3, 20, 7, 41);
        var baseMinute = MentorStarts.MinuteOf(computedAt) / 1440 * 1440;
        var computedMinute = (int)MentorStarts.MinuteOf(computedAt);
        var mentors = new Dictionary<Guid, MentorStarts>();
        var positions = new Guid[300];
        for (var p = 0; p < positions.Length; p++)
        {
            positions[p] = Guid.NewGuid();
            if (random.Next(10) > 0)
            {
                mentors[positions[p]] = RandomStarts(random, computedMinute);
            }
        }

        var aligned = AlignedStarts.Build(new AvailabilitySnapshot(1, computedAt, mentors), positions);
        for (var w = 0; w < 400; w++)
        {
            var now = computedMinute + random.Next(0, 3 * 1440);
            var from = baseMinute + random.Next(0, 24 * 1440) + (random.Next(3) == 0 ? 0 : random.Next(-30, 30));
            var length = random.Next(4) switch
            {
                0 => random.Next(1, 120),
                1 => 180,
                2 => 1440 * random.Next(1, 3),
                _ => 7 * 1440,
            };
            var window = new AvailabilityWindow(aligned, from, from + length, now);
            var kept = SearchBits.All(positions.Length);
            kept.KeepOnly(window.Possible, window.Certain, window.IsAvailable);

            var exact = positions.Select((id, p) => (id, p))
                .Where(m => mentors.GetValueOrDefault(m.id)?.HasStartIn(from, from + length, now) == true).Select(m => m.p);
            Assert.Equal(exact, kept.Positions());
        }
    }

    /// <summary>Runs like the engine's: 15- or 30-minute steps, a few a day on some days, up to a year ahead; some notice and horizon.</summary>
    private static MentorStarts RandomStarts(Random random, int fromMinute)
    {
        var step = random.Next(2) == 0 ? 15 : 30;
        var runs = new List<int>();
        var horizonDays = random.Next(1, 366);
        for (var day = 0; day < horizonDays + 8; day++)
        {
            if (random.Next(3) == 0)
            {
                continue;
            }

            var start = fromMinute + (day * 1440) + (random.Next(0, 20) * step);
            for (var run = random.Next(1, 3); run > 0; run--)
            {
                var count = random.Next(1, 8);
                runs.Add(start);
                runs.Add(start + ((count - 1) * step));
                start += ((count - 1) * step) + (random.Next(1, 10) * step);
            }
        }

        return new MentorStarts([.. runs], step, random.Next(4) == 0 ? random.Next(0, 4 * 1440) : random.Next(0, 240), horizonDays);
    }
}
