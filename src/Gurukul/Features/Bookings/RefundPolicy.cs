using Gurukul.Features.Payments;
using NodaTime;

namespace Gurukul.Features.Bookings;

/// <summary>
/// The platform's cancellation policy (API.md): cancelled by the mentor or staff → everything back; by the student 24 h or more
/// before the start → everything; 2–24 h before → half; under 2 h → nothing. Half of an odd amount is rounded up, in the
/// student's favour. The pages show this same figure before the student confirms.
/// </summary>
public static class RefundPolicy
{
    public static readonly Duration FullRefundNotice = Duration.FromHours(24);
    public static readonly Duration HalfRefundNotice = Duration.FromHours(2);

    /// <summary>The percentage of the price given back when <paramref name="by"/> cancels at <paramref name="now"/>.</summary>
    public static int PercentBack(BookingActor by, Instant startsAt, Instant now) =>
        by != BookingActor.Student ? 100
        : startsAt - now >= FullRefundNotice ? 100
        : startsAt - now >= HalfRefundNotice ? 50
        : 0;

    /// <summary>How much of <paramref name="paidMinor"/> comes back, in minor units.</summary>
    public static long RefundMinor(long paidMinor, BookingActor by, Instant startsAt, Instant now) =>
        Payment.Proportion(paidMinor, PercentBack(by, startsAt, now), 100);
}
