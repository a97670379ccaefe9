using Gurukul.Features.Mentors;
using Gurukul.Features.Payments;
using NodaTime;

namespace Gurukul.Features.Bookings;

/// <summary>
/// API.md <c>POST /api/v1/bookings</c>: <c>{ mentorId, start, durationMinutes, sessionType, sessionLanguage, questionnaire, couponCode? }</c>.
/// Fields are nullable so that a missing one is a 400 naming it.
/// </summary>
public sealed record BookingRequest(
    string? MentorId, DateTime? Start, int? DurationMinutes, string? SessionType, string? SessionLanguage, QuestionnaireRequest? Questionnaire,
    string? CouponCode = null);

/// <summary><c>{ purpose, questions: [...], challenges?, expectedOutcome? }</c>.</summary>
public sealed record QuestionnaireRequest(string? Purpose, List<string?>? Questions = null, string? Challenges = null, string? ExpectedOutcome = null);

/// <summary><c>POST /api/v1/bookings/{id}/cancel</c>: <c>{ reason }</c> (may be empty).</summary>
public sealed record CancelRequest(string? Reason = null);

/// <summary><c>POST /api/v1/bookings/{id}/reschedule</c>: <c>{ start }</c>.</summary>
public sealed record RescheduleRequest(DateTime? Start);

/// <summary><c>POST /api/v1/bookings/{id}/outcome</c>: <c>{ outcome: "completed"|"student_no_show"|"mentor_no_show" }</c>.</summary>
public sealed record OutcomeRequest(string? Outcome);

/// <summary><c>POST /api/v1/bookings/{id}/dispute</c>: <c>{ reason }</c>.</summary>
public sealed record DisputeRequest(string? Reason);

/// <summary><c>POST /api/v1/admin/bookings/{id}/resolve</c>: <c>{ refund: Money, note }</c>.</summary>
public sealed record ResolveRequest(MoneyDto? Refund, string? Note);

/// <summary>API.md <c>Booking</c>.</summary>
public sealed record BookingDto(
    string Id, BookingMentorDto Mentor, BookingPartyDto Student, DateTime Start, DateTime End, int DurationMinutes, string SessionType,
    string SessionLanguage, string Status, MoneyDto Price, QuestionnaireDto Questionnaire, PaymentViewDto? Payment, CancellationDto? Cancellation,
    IReadOnlyList<DateTime> RescheduledFrom, JoinDto? Join, DateTime CreatedAt);

public sealed record BookingMentorDto(string Id, string Slug, string Name);

public sealed record BookingPartyDto(string Id, string Name);

public sealed record QuestionnaireDto(string Purpose, IReadOnlyList<string> Questions, string? Challenges, string? ExpectedOutcome);

/// <summary><c>cancellation: { by: "student"|"mentor"|"staff", at, reason, refund: Money }</c>.</summary>
public sealed record CancellationDto(string By, DateTime At, string Reason, MoneyDto Refund);

/// <summary><c>join: { url, opensAt, closesAt }</c>: filled in by the session room (a later issue); null until then.</summary>
public sealed record JoinDto(string Url, DateTime OpensAt, DateTime ClosesAt);

/// <summary>A booking in staff's disputes queue: the booking, what the student said, and when.</summary>
public sealed record DisputeDto(BookingDto Booking, string Reason, DateTime OpenedAt);

/// <summary>A start time as API.md writes it: ISO 8601 UTC; a time sent without an offset is read as UTC.</summary>
public static class ApiInstants
{
    public static Instant From(DateTime value) =>
        Instant.FromDateTimeUtc(value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : value.ToUniversalTime());
}
