using Gurukul.Features.Scheduling;
using NodaTime;
using Xunit;

namespace Gurukul.Tests.Features.Scheduling;

/// <summary>The engine on hand-made cases, each a rule the property tests also check over generated ones.</summary>
public sealed class SlotFinderTests
{
    private static readonly DateTimeZone Kolkata = DateTimeZoneProviders.Tzdb["Asia/Kolkata"];
    private static readonly LocalDate Monday = new(2027, 1, 4);

    [Fact]
    public void TakenSession_RemovesTheStartsWithinTheBufferOfIt_AndNoOthers()
    {
        // 09:00–13:00 with a 15-minute buffer; a session is booked 10:30–11:30.
        var rules = Rules([new DayInterval(9 * 60, 13 * 60)], buffer: 15);
        var taken = new[] { new Interval(At(10, 30), At(11, 30)) };

        var starts = Starts(rules, 60, taken);

        // 09:00 ends 10:00 (clear by 30), 09:30 ends 10:30 (inside the buffer), …, 11:45 would be clear but is off the grid.
        Assert.Equal(["09:00", "12:00"], starts);
    }

    [Fact]
    public void TakenSessionsOfADay_CountTowardItsCap_AndAFullDayOffersNothing()
    {
        var hours = new DayInterval(9 * 60, 18 * 60);
        var rules = new AvailabilityRules(Kolkata, [(IsoDayOfWeek.Monday, hours), (IsoDayOfWeek.Tuesday, hours)],
            new Dictionary<LocalDate, IReadOnlyList<DayInterval>>(), [60], 0, 0, 2, 30);
        var oneTaken = new[] { new Interval(At(9, 0), At(10, 0)) };
        var twoTaken = new[] { new Interval(At(9, 0), At(10, 0)), new Interval(At(16, 0), At(17, 0)) };

        Assert.NotEmpty(Starts(rules, 60, oneTaken));
        Assert.Empty(Starts(rules, 60, twoTaken));
        // Tuesday is a day of its own.
        Assert.NotEmpty(SlotFinder.Slots(rules, 60, At(9, 0) + Duration.FromDays(1), At(18, 0) + Duration.FromDays(1), twoTaken));
    }

    [Fact]
    public void RepeatedHour_ATakenSessionInTheFirstReading_LeavesTheSecondOffered()
    {
        var london = DateTimeZoneProviders.Tzdb["Europe/London"];
        var night = new LocalDate(2027, 10, 31);
        var rules = new AvailabilityRules(london, [], new Dictionary<LocalDate, IReadOnlyList<DayInterval>> { [night] = [new DayInterval(60, 120)] },
            [30], 0, 0, null, 30);
        // 01:00–02:00 on that night happens twice: 00:00–01:00 UTC (BST) and 01:00–02:00 UTC (GMT). The first is booked.
        var taken = new[] { new Interval(Instant.FromUtc(2027, 10, 31, 0, 0), Instant.FromUtc(2027, 10, 31, 1, 0)) };

        var slots = SlotFinder.Slots(rules, 30, Instant.FromUtc(2027, 10, 30, 0, 0), Instant.FromUtc(2027, 11, 1, 0, 0), taken);

        Assert.Equal([Instant.FromUtc(2027, 10, 31, 1, 0), Instant.FromUtc(2027, 10, 31, 1, 30)], slots.Select(s => s.Start));
    }

    private static AvailabilityRules Rules(IReadOnlyList<DayInterval> monday, int buffer = 0, int? cap = null) =>
        new(Kolkata, monday.Select(h => (IsoDayOfWeek.Monday, h)), new Dictionary<LocalDate, IReadOnlyList<DayInterval>>(), [60], buffer, 0, cap, 30);

    private static Instant At(int hour, int minute) => Monday.At(new LocalTime(hour, minute)).InZoneStrictly(Kolkata).ToInstant();

    private static List<string> Starts(AvailabilityRules rules, int duration, IReadOnlyList<Interval> taken) =>
        [.. SlotFinder.Slots(rules, duration, At(0, 0), At(23, 59), taken).Select(s => s.Start.InZone(Kolkata).ToString("HH:mm", null))];
}
