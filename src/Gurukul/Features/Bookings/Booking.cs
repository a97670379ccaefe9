using Gurukul.Features.Accounts;
using Gurukul.Features.Mentors;
using Gurukul.Platform;
using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Gurukul.Features.Bookings;

/// <summary>API.md <c>Booking.status</c>.</summary>
public enum BookingStatus
{
    /// <summary>Held for the student until <see cref="Booking.HoldExpiresAt"/> while they pay.</summary>
    PendingPayment,
    Confirmed,
    Completed,
    Cancelled,

    /// <summary>The hold lapsed unpaid.</summary>
    Expired,
    StudentNoShow,
    MentorNoShow,
    Disputed,
}

public enum SessionType
{
    AcademicGuidance,
    CareerCounselling,
    ExamPrep,
}

/// <summary>Who moved a booking: its student, its mentor, or staff (admin or support).</summary>
public enum BookingActor
{
    Student,
    Mentor,
    Staff,
}

/// <summary>Why a move was refused: each is a 409 with its own explanation (<c>bookings.refused.{name}</c>).</summary>
public enum BookingRefusal
{
    NotLive,
    Started,
    NotEnded,
    NotPaidYet,
    TooLateForStudent,
    NotConfirmed,
    OutcomeRecorded,
    DisputeWindowClosed,
    AlreadyDisputed,
    NotDisputed,
    StaffOnly,
}

/// <summary>
/// One session booked by a student with a mentor, and its explicit state machine (<see cref="Moves"/>):
/// pending_payment → confirmed | expired | cancelled; expired → confirmed (a late payment while the time is still free);
/// confirmed → cancelled (before the start) | completed | student_no_show | mentor_no_show (after the end) | disputed;
/// completed | student_no_show → disputed (the student, within 48 h of the end, once); disputed → the outcome it had
/// (completed when none) once staff settle it. A reschedule keeps the booking confirmed and moves its time.
/// While it is pending (with a live hold) or confirmed it occupies [<see cref="StartsAt"/>, <see cref="BlocksUntil"/>) of its
/// mentor's time, and the database refuses any other such booking of the mentor overlapping it (migration 0015, ADR 0026).
/// </summary>
public sealed class Booking
{
    /// <summary>How long a slot is held while the student pays (API.md: 10 minutes).</summary>
    public static readonly Duration HoldLength = Duration.FromMinutes(10);

    /// <summary>How long after the end the student may dispute (API.md: 48 h).</summary>
    public static readonly Duration DisputeWindow = Duration.FromHours(48);

    /// <summary>The statuses that occupy the mentor's time in the database's no-overlap rule (a pending one only while its hold lasts for the slot engine).</summary>
    public static readonly IReadOnlyList<BookingStatus> Occupying = [BookingStatus.PendingPayment, BookingStatus.Confirmed];

    /// <summary>Every move the state machine allows; anything else is refused.</summary>
    public static readonly IReadOnlySet<(BookingStatus From, BookingStatus To)> Moves = new HashSet<(BookingStatus, BookingStatus)>
    {
        (BookingStatus.PendingPayment, BookingStatus.Confirmed),
        (BookingStatus.PendingPayment, BookingStatus.Expired),
        (BookingStatus.PendingPayment, BookingStatus.Cancelled),
        (BookingStatus.Expired, BookingStatus.Confirmed),
        (BookingStatus.Confirmed, BookingStatus.Confirmed),
        (BookingStatus.Confirmed, BookingStatus.Cancelled),
        (BookingStatus.Confirmed, BookingStatus.Completed),
        (BookingStatus.Confirmed, BookingStatus.StudentNoShow),
        (BookingStatus.Confirmed, BookingStatus.MentorNoShow),
        (BookingStatus.Confirmed, BookingStatus.Disputed),
        (BookingStatus.Completed, BookingStatus.Disputed),
        (BookingStatus.StudentNoShow, BookingStatus.Disputed),
        (BookingStatus.Disputed, BookingStatus.Completed),
        (BookingStatus.Disputed, BookingStatus.StudentNoShow),
    };

    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The mentor's profile (whose availability and time this takes).</summary>
    public Guid MentorId { get; init; }
    public required string MentorUserId { get; init; }
    public required string StudentId { get; init; }
    public Instant StartsAt { get; private set; }
    public Instant EndsAt { get; private set; }
    public int DurationMinutes { get; init; }

    /// <summary>The mentor's buffer when the time was (last) booked: kept free after the session.</summary>
    public int BufferMinutes { get; private set; }

    /// <summary>The end of the time this booking occupies: <see cref="EndsAt"/> + <see cref="BufferMinutes"/>.</summary>
    public Instant BlocksUntil { get; private set; }

    public SessionType SessionType { get; init; }
    public required string SessionLanguage { get; init; }
    public BookingStatus Status { get; private set; } = BookingStatus.PendingPayment;

    /// <summary>What the student pays: the hourly rate × duration ÷ 60 less any coupon.</summary>
    public required Money Price { get; init; }
    public string? CouponCode { get; init; }
    public Instant HoldExpiresAt { get; init; }

    /// <summary>The payment that confirmed it; another payment of the same booking is refunded.</summary>
    public Guid? PaymentId { get; private set; }

    public required string Purpose { get; init; }
    public List<string> Questions { get; init; } = [];
    public string? Challenges { get; init; }
    public string? ExpectedOutcome { get; init; }

    public BookingActor? CancelledBy { get; private set; }
    public Instant? CancelledAt { get; private set; }
    public string? CancellationReason { get; private set; }
    public long? CancellationRefundMinor { get; private set; }

    /// <summary>What happened at the session, once recorded (completed, student_no_show or mentor_no_show).</summary>
    public BookingStatus? Outcome { get; private set; }
    public Instant? OutcomeAt { get; private set; }
    public Instant? DisputedAt { get; private set; }
    public string? DisputeReason { get; private set; }
    public Instant? ResolvedAt { get; private set; }
    public string? ResolutionNote { get; private set; }
    public long? ResolutionRefundMinor { get; private set; }

    /// <summary>The calendar SEQUENCE: raised on every reschedule and on cancellation.</summary>
    public int Sequence { get; private set; }

    /// <summary>Raised by every change: the concurrency token, so two moves of one booking cannot both pass.</summary>
    public int Version { get; private set; }

    public Instant CreatedAt { get; init; }
    public Instant UpdatedAt { get; private set; }

    /// <summary>Whether the student's hold still holds the slot at <paramref name="now"/>.</summary>
    public bool HoldIsLive(Instant now) => Status == BookingStatus.PendingPayment && now < HoldExpiresAt;

    /// <summary>Whether the booking occupies its mentor's time at <paramref name="now"/> (what the slot engine is told).</summary>
    public bool OccupiesTime(Instant now) => Status == BookingStatus.Confirmed || HoldIsLive(now);

    public bool IsParty(string userId) => userId == StudentId || userId == MentorUserId;

    /// <summary>A new booking held for its student, occupying its time from <paramref name="startsAt"/> with the mentor's buffer.</summary>
    public static Booking Hold(
        Guid mentorId, string mentorUserId, string studentId, Instant startsAt, int durationMinutes, int bufferMinutes, SessionType sessionType,
        string sessionLanguage, Money price, string? couponCode, Questionnaire questionnaire, Instant now)
    {
        var booking = new Booking
        {
            MentorId = mentorId, MentorUserId = mentorUserId, StudentId = studentId, DurationMinutes = durationMinutes, SessionType = sessionType,
            SessionLanguage = sessionLanguage, Price = price, CouponCode = couponCode, HoldExpiresAt = now + HoldLength,
            Purpose = questionnaire.Purpose, Questions = [.. questionnaire.Questions], Challenges = questionnaire.Challenges,
            ExpectedOutcome = questionnaire.ExpectedOutcome, CreatedAt = now,
        };
        booking.Occupy(startsAt, bufferMinutes, now);
        return booking;
    }

    /// <summary>
    /// The payment arrived. A pending booking is confirmed; an expired one too (the database refuses it if the time was taken
    /// meanwhile). False when it cannot be honoured any more (cancelled, or the session has started).
    /// </summary>
    public bool Confirm(Guid paymentId, Instant now)
    {
        if (Status == BookingStatus.Confirmed)
        {
            return PaymentId == paymentId;
        }

        if (Status is not (BookingStatus.PendingPayment or BookingStatus.Expired) || now >= StartsAt)
        {
            return false;
        }

        PaymentId = paymentId;
        return Move(BookingStatus.Confirmed, now);
    }

    /// <summary>The hold lapsed unpaid: the time is free again. False when it was paid, cancelled, or is still live.</summary>
    public bool Expire(Instant now) => Status == BookingStatus.PendingPayment && now >= HoldExpiresAt && Move(BookingStatus.Expired, now);

    /// <summary>Why the booking cannot be cancelled now (by anyone), or null when it can.</summary>
    public BookingRefusal? CancelRefusal(Instant now) =>
        Status is not (BookingStatus.PendingPayment or BookingStatus.Confirmed) ? BookingRefusal.NotLive
        : now >= StartsAt ? BookingRefusal.Started
        : null;

    public void Cancel(BookingActor by, string reason, long refundMinor, Instant now)
    {
        Require(CancelRefusal(now));
        Move(BookingStatus.Cancelled, now);
        CancelledBy = by;
        CancelledAt = now;
        CancellationReason = reason;
        CancellationRefundMinor = refundMinor;
        Sequence++;
    }

    /// <summary>Why <paramref name="by"/> may not reschedule now, or null when they may (the student 24 h or more before, the mentor and staff any time before).</summary>
    public BookingRefusal? RescheduleRefusal(BookingActor by, Instant now) =>
        Status != BookingStatus.Confirmed ? (Status == BookingStatus.PendingPayment ? BookingRefusal.NotPaidYet : BookingRefusal.NotLive)
        : now >= StartsAt ? BookingRefusal.Started
        : by == BookingActor.Student && StartsAt - now < RefundPolicy.FullRefundNotice ? BookingRefusal.TooLateForStudent
        : null;

    /// <summary>Moves the session to <paramref name="startsAt"/> (already checked to be an offered slot); returns the change to record.</summary>
    public BookingReschedule Reschedule(BookingActor by, string userId, Instant startsAt, int bufferMinutes, Instant now)
    {
        Require(RescheduleRefusal(by, now));
        var change = new BookingReschedule { BookingId = Id, FromStartsAt = StartsAt, ToStartsAt = startsAt, MovedBy = by, MovedByUserId = userId, At = now };
        Move(BookingStatus.Confirmed, now);
        Occupy(startsAt, bufferMinutes, now);
        Sequence++;
        return change;
    }

    /// <summary>Why <paramref name="by"/> may not record an outcome now, or null when they may (the mentor or staff, after the end).</summary>
    public BookingRefusal? OutcomeRefusal(BookingActor by, Instant now) =>
        Status != BookingStatus.Confirmed ? (Outcome is not null ? BookingRefusal.OutcomeRecorded : BookingRefusal.NotConfirmed)
        : now < EndsAt ? BookingRefusal.NotEnded
        : by == BookingActor.Student ? BookingRefusal.StaffOnly
        : null;

    public void RecordOutcome(BookingStatus outcome, BookingActor by, Instant now)
    {
        if (outcome is not (BookingStatus.Completed or BookingStatus.StudentNoShow or BookingStatus.MentorNoShow))
        {
            throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "An outcome is completed, student_no_show or mentor_no_show.");
        }

        Require(OutcomeRefusal(by, now));
        Move(outcome, now);
        Outcome = outcome;
        OutcomeAt = now;
    }

    /// <summary>Why the student may not dispute now, or null when they may (after the end, within 48 h of it, once).</summary>
    public BookingRefusal? DisputeRefusal(Instant now) =>
        DisputedAt is not null ? BookingRefusal.AlreadyDisputed
        : Status is not (BookingStatus.Confirmed or BookingStatus.Completed or BookingStatus.StudentNoShow) ? BookingRefusal.NotLive
        : now < EndsAt ? BookingRefusal.NotEnded
        : now > EndsAt + DisputeWindow ? BookingRefusal.DisputeWindowClosed
        : null;

    public void Dispute(string reason, Instant now)
    {
        Require(DisputeRefusal(now));
        Move(BookingStatus.Disputed, now);
        DisputedAt = now;
        DisputeReason = reason;
    }

    public BookingRefusal? ResolveRefusal() => Status == BookingStatus.Disputed ? null : BookingRefusal.NotDisputed;

    /// <summary>Staff settled the dispute: the booking returns to the outcome it had (completed when none was recorded).</summary>
    public void Resolve(long refundMinor, string note, Instant now)
    {
        Require(ResolveRefusal());
        Move(Outcome ?? BookingStatus.Completed, now);
        ResolvedAt = now;
        ResolutionNote = note;
        ResolutionRefundMinor = refundMinor;
    }

    private void Occupy(Instant startsAt, int bufferMinutes, Instant now)
    {
        StartsAt = startsAt;
        EndsAt = startsAt + Duration.FromMinutes(DurationMinutes);
        BufferMinutes = bufferMinutes;
        BlocksUntil = EndsAt + Duration.FromMinutes(bufferMinutes);
        UpdatedAt = now;
    }

    private bool Move(BookingStatus to, Instant now)
    {
        if (!Moves.Contains((Status, to)))
        {
            throw new InvalidOperationException($"A booking may not move from {Status} to {to}.");
        }

        Status = to;
        UpdatedAt = now;
        Version++;
        return true;
    }

    /// <summary>Callers ask first and answer the user; reaching a refused move here is a bug.</summary>
    private static void Require(BookingRefusal? refusal)
    {
        if (refusal is { } refused)
        {
            throw new InvalidOperationException($"The booking move was refused ({refused}); the caller should have asked first.");
        }
    }
}

/// <summary>The student's answers before the session (API.md <c>questionnaire</c>).</summary>
public sealed record Questionnaire(string Purpose, IReadOnlyList<string> Questions, string? Challenges, string? ExpectedOutcome);

internal sealed class BookingConfiguration : IEntityTypeConfiguration<Booking>
{
    public void Configure(EntityTypeBuilder<Booking> builder)
    {
        builder.ToTable("bookings", table => table.HasCheckConstraint("ck_bookings_times", "starts_at < ends_at AND ends_at <= blocks_until"));
        builder.HasKey(b => b.Id);
        builder.HasOne<MentorProfile>().WithMany().HasForeignKey(b => b.MentorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(b => b.MentorUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(b => b.StudentId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(b => b.SessionType).HasConversion<SnakeCaseEnumConverter<SessionType>>().HasMaxLength(30);
        builder.Property(b => b.SessionLanguage).HasMaxLength(8);
        builder.Property(b => b.Status).HasConversion<SnakeCaseEnumConverter<BookingStatus>>().HasMaxLength(20);
        builder.ComplexProperty(b => b.Price, money => money.Property(m => m.Currency).HasMaxLength(3));
        builder.Property(b => b.CouponCode).HasMaxLength(40);
        builder.Property(b => b.Purpose).HasMaxLength(BookingRules.PurposeMaxLength);
        builder.Property(b => b.Challenges).HasMaxLength(BookingRules.TextMaxLength);
        builder.Property(b => b.ExpectedOutcome).HasMaxLength(BookingRules.TextMaxLength);
        builder.Property(b => b.CancelledBy).HasConversion<SnakeCaseEnumConverter<BookingActor>>().HasMaxLength(10);
        builder.Property(b => b.CancellationReason).HasMaxLength(BookingRules.ReasonMaxLength);
        builder.Property(b => b.Outcome).HasConversion<SnakeCaseEnumConverter<BookingStatus>>().HasMaxLength(20);
        builder.Property(b => b.DisputeReason).HasMaxLength(BookingRules.TextMaxLength);
        builder.Property(b => b.ResolutionNote).HasMaxLength(BookingRules.TextMaxLength);
        builder.Property(b => b.Version).IsConcurrencyToken();
        builder.HasIndex(b => new { b.MentorId, b.StartsAt });
        builder.HasIndex(b => new { b.StudentId, b.StartsAt });
        builder.HasIndex(b => new { b.MentorUserId, b.StartsAt });
        builder.HasIndex(b => new { b.Status, b.DisputedAt });
    }
}
