using NodaTime;

namespace Gurukul.Features.Scheduling;

/// <summary>
/// Where the slot engine learns which of a mentor's time is already taken: booked sessions and live holds, each as the
/// session's own interval (the engine keeps the mentor's buffer clear around it and counts it toward the day's cap).
/// The booking feature implements this and registers it in place of <see cref="NoTakenTime"/>; see
/// docs/adr/0021-availability-index-and-the-booking-seam.md for how it plugs in.
/// </summary>
public interface ITakenTimeSource
{
    /// <summary>The mentor's taken sessions that overlap <paramref name="range"/> (a few days around a requested window).</summary>
    Task<IReadOnlyList<Interval>> TakenAsync(Guid mentorId, Interval range, CancellationToken cancellationToken);

    /// <summary>
    /// The same for many mentors at once (every mentor when <paramref name="mentorIds"/> is null): what the availability
    /// index loads. Mentors with nothing taken may be left out.
    /// </summary>
    Task<IReadOnlyDictionary<Guid, IReadOnlyList<Interval>>> TakenAsync(
        IReadOnlyCollection<Guid>? mentorIds, Interval range, CancellationToken cancellationToken);
}

/// <summary>Until bookings exist, nothing is taken.</summary>
public sealed class NoTakenTime : ITakenTimeSource
{
    private static readonly IReadOnlyDictionary<Guid, IReadOnlyList<Interval>> Nothing = new Dictionary<Guid, IReadOnlyList<Interval>>();

    public Task<IReadOnlyList<Interval>> TakenAsync(Guid mentorId, Interval range, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Interval>>([]);

    public Task<IReadOnlyDictionary<Guid, IReadOnlyList<Interval>>> TakenAsync(
        IReadOnlyCollection<Guid>? mentorIds, Interval range, CancellationToken cancellationToken) => Task.FromResult(Nothing);
}
