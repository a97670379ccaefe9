namespace Gurukul.Features.Bookings;

/// <summary>Where a booking's pages and files are.</summary>
public static class BookingLinks
{
    public const string MySessions = "/sessions";
    public const string GuardianNeeded = "/sessions/guardian-consent";
    public const string Disputes = "/admin/disputes";

    public static string Page(Guid bookingId) => $"/bookings/{bookingId}";

    public static string Cancel(Guid bookingId) => $"/bookings/{bookingId}/cancel";

    public static string Reschedule(Guid bookingId) => $"/bookings/{bookingId}/reschedule";

    public static string CalendarFile(Guid bookingId) => $"/api/v1/bookings/{bookingId}/calendar.ics";

    /// <summary>The booking form for one offered slot of a mentor's profile calendar.</summary>
    public static string Book(string mentorSlug, string start, int durationMinutes) =>
        $"/mentors/{Uri.EscapeDataString(mentorSlug)}/book?start={Uri.EscapeDataString(start)}&duration={durationMinutes}";
}
