using NodaTime;

namespace Gurukul.Features.Scheduling;

/// <summary>
/// One session in a user's calendar feed. <see cref="Uid"/> must stay the same for the life of the session (calendars
/// match updates by it) and <see cref="Sequence"/> must rise with every change of its time.
/// </summary>
public sealed record CalendarEntry(
    string Uid, Instant Start, Instant End, string Summary, string? Description, Uri? Url, int Sequence, bool Cancelled, Instant Changed);

/// <summary>
/// The sessions of a user's calendar feed. The booking feature implements it (the user's bookings as student and as
/// mentor) and registers it in place of <see cref="NoCalendarEntries"/>; see docs/adr/0021.
/// </summary>
public interface ICalendarEntrySource
{
    Task<IReadOnlyList<CalendarEntry>> EntriesAsync(string userId, CancellationToken cancellationToken);
}

/// <summary>Until bookings exist, a feed lists nothing (and is still a valid calendar).</summary>
public sealed class NoCalendarEntries : ICalendarEntrySource
{
    public Task<IReadOnlyList<CalendarEntry>> EntriesAsync(string userId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CalendarEntry>>([]);
}
